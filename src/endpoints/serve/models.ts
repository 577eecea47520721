/**
 * The models a run folder offers: one per checkpoint, named `<run_id>@<generation>`, and the bare
 * `<run_id>` for the newest one served. Without --watch the set is fixed at start (the last
 * checkpoint, or --generation N); with --watch new checkpoints appear as new model ids while the
 * server runs (polled, since a checkpoint is complete exactly when its .json has been renamed in).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InfoloopError } from '../../core/errors.js';
import type { Learner, TokenStepper } from '../../core/types.js';
import { resolveConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { learnerRegistry } from '../../learners/registry.js';
import { readCheckpoint } from '../../loop/checkpoint-store.js';
import { readMeta, readRunConfig } from '../../loop/run-store.js';

export interface ServedModel {
  id: string;
  generation: number;
  stepper: TokenStepper;
}

export interface ModelStoreOptions {
  generation?: number;
  watch?: boolean;
  /** How many loaded generations stay in memory (least recently used goes first). */
  keepLoaded?: number;
  /** Called with each model id that appears after start (watch mode). */
  onModel?: (id: string) => void;
}

/** Generations with a complete checkpoint, ascending. */
export function checkpointGenerations(dir: string): number[] {
  const folder = join(dir, 'checkpoints');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((file) => /^gen-(\d{4,})\.json$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export class ModelStore {
  readonly runId: string;
  private readonly config: Config;
  private generations: number[] = [];
  private readonly loaded = new Map<number, ServedModel>();
  private readonly keepLoaded: number;
  /** The first scan (at start) is not announced as new models. */
  private announced = false;

  constructor(readonly dir: string, readonly options: ModelStoreOptions = {}) {
    this.config = resolveConfig(readRunConfig(dir));
    this.runId = existsSync(join(dir, 'meta.json')) ? readMeta(dir).run_id : basename(dir);
    this.keepLoaded = options.keepLoaded ?? 4;
    this.refresh();
    if (this.generations.length === 0 && !options.watch) {
      throw new InfoloopError('E_SERVE', `${dir} has no checkpoint to serve`, 'run the loop first (infoloop run), or pass --watch to wait for one');
    }
  }

  /** Re-read the checkpoint folder; returns the generations that appeared. */
  refresh(): number[] {
    const all = checkpointGenerations(this.dir);
    const { generation, watch } = this.options;
    let visible: number[];
    if (generation !== undefined) {
      if (!all.includes(generation) && !watch) {
        throw new InfoloopError('E_SERVE', `${this.dir} has no checkpoint for generation ${generation}`, `available: ${all.join(', ') || 'none'}`);
      }
      visible = all.filter((t) => t === generation);
    } else visible = watch ? all : all.slice(-1);
    const added = visible.filter((t) => !this.generations.includes(t));
    if (this.generations.length > 0 || this.announced) for (const t of added) this.options.onModel?.(this.idOf(t));
    this.announced = true;
    // a generation deleted from disk (checkpoints: last) stays served if already loaded
    this.generations = [...new Set([...visible, ...this.loaded.keys()])].sort((a, b) => a - b);
    return added;
  }

  idOf(generation: number): string {
    return `${this.runId}@${generation}`;
  }

  /** Model ids, newest generation first, the bare run id (alias of the newest) leading. */
  ids(): string[] {
    if (this.generations.length === 0) return [];
    return [this.runId, ...[...this.generations].reverse().map((t) => this.idOf(t))];
  }

  /** The generation a model id names, or null when it names none of this run's. */
  generationOf(id: string): number | null {
    if (id === this.runId) return this.generations.length ? this.generations[this.generations.length - 1] : null;
    const prefix = `${this.runId}@`;
    if (!id.startsWith(prefix)) return null;
    const t = Number(id.slice(prefix.length));
    return Number.isInteger(t) && this.generations.includes(t) ? t : null;
  }

  /** The learner at a generation, loaded from its checkpoint on first use. */
  async load(generation: number): Promise<ServedModel> {
    const cached = this.loaded.get(generation);
    if (cached) {
      this.loaded.delete(generation);
      this.loaded.set(generation, cached);
      return cached;
    }
    const learner = learnerRegistry.create(this.config.learner, { seed: this.config.seed }, 'learner') as Learner<unknown>;
    await learner.ready?.();
    const { snapshot } = readCheckpoint(this.dir, generation);
    learner.restore(snapshot);
    if (!learner.tokenStepper) {
      throw new InfoloopError('E_SERVE', `learner "${learner.name}" cannot be served: it has no token-level text model`, 'serve runs whose learner is a text learner (ngram, transformer)');
    }
    const model = { id: this.idOf(generation), generation, stepper: learner.tokenStepper() };
    this.loaded.set(generation, model);
    while (this.loaded.size > this.keepLoaded) this.loaded.delete(this.loaded.keys().next().value!);
    return model;
  }
}
