/** Whether node t can be reached from node s in a small directed graph; half the instances are reachable. */
import type { Family } from '../gym.js';
import { adjacencyText, distances, edgeList, randomGraph, type Graph } from './graph.js';

interface Data { graph: Graph; source: number; target: number }

export const reachability: Family<Data> = {
  name: 'reachability',
  domain: 'algorithms',
  description: 'whether a target node is reachable from a source node in a directed graph (yes or no)',
  answerKind: 'word',
  format: /^(yes|no)$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const wantReachable = rng.next() < 0.5;
    for (;;) {
      const graph = randomGraph(rng, difficulty, true);
      const source = rng.int(graph.nodes);
      const target = (source + 1 + rng.int(graph.nodes - 1)) % graph.nodes;
      if ((distances(graph, source)[target] < Infinity) === wantReachable) return { graph, source, target };
    }
  },
  forms: {
    compact: ({ graph, source, target }) => `edges ${edgeList(graph, '>', ' ')} ; ${source}~>${target}?`,
    question: ({ graph, source, target }) => `In a directed graph with edges ${edgeList(graph, '->', ', ')}, can node ${target} be reached from node ${source}?`,
    instruction: ({ graph, source, target }) => `Graph (node: successors) ${adjacencyText(graph)}. Answer yes or no: is ${target} reachable from ${source}?`,
  },
  answers: ({ graph, source, target }) => [distances(graph, source)[target] < Infinity ? 'yes' : 'no'],
};
