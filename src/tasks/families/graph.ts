/** Small random graphs shared by the graph families: generation, breadth-first distances, three renderings. */
import type { Rng } from '../../core/rng.js';
import { byLevel } from '../gym.js';

export interface Graph { nodes: number; edges: [number, number][]; directed: boolean }

export function randomGraph(rng: Rng, difficulty: number, directed: boolean): Graph {
  const [nodes, probability] = byLevel(difficulty, [[4, 0.3], [6, 0.22], [8, 0.16]] as const);
  const edges: [number, number][] = [];
  for (let u = 0; u < nodes; u++) {
    for (let v = directed ? 0 : u + 1; v < nodes; v++) if (u !== v && rng.next() < probability) edges.push([u, v]);
  }
  return { nodes, edges, directed };
}

/** Breadth-first distances from `source` (Infinity when unreachable). */
export function distances(graph: Graph, source: number): number[] {
  const adjacency: number[][] = Array.from({ length: graph.nodes }, () => []);
  for (const [u, v] of graph.edges) {
    adjacency[u].push(v);
    if (!graph.directed) adjacency[v].push(u);
  }
  const distance = new Array<number>(graph.nodes).fill(Infinity);
  distance[source] = 0;
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of adjacency[u]) {
      if (distance[v] === Infinity) {
        distance[v] = distance[u] + 1;
        queue.push(v);
      }
    }
  }
  return distance;
}

export function edgeList(graph: Graph, arrow: string, separator: string): string {
  return graph.edges.length ? graph.edges.map(([u, v]) => `${u}${arrow}${v}`).join(separator) : 'none';
}

export function adjacencyText(graph: Graph): string {
  return Array.from({ length: graph.nodes }, (_, u) => {
    const out = graph.edges.filter(([a, b]) => a === u || (!graph.directed && b === u)).map(([a, b]) => (a === u ? b : a));
    return `${u}: ${out.join(' ') || '-'}`;
  }).join('; ');
}
