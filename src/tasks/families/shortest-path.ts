/** The number of edges on a shortest path between two connected nodes of a small undirected graph. */
import type { Family } from '../gym.js';
import { adjacencyText, distances, edgeList, randomGraph, type Graph } from './graph.js';

interface Data { graph: Graph; source: number; target: number }

export const shortestPath: Family<Data> = {
  name: 'shortest-path',
  domain: 'algorithms',
  description: 'the length (in edges) of a shortest path in an undirected graph',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    for (;;) {
      const graph = randomGraph(rng, difficulty, false);
      const source = rng.int(graph.nodes);
      const target = (source + 1 + rng.int(graph.nodes - 1)) % graph.nodes;
      if (distances(graph, source)[target] < Infinity) return { graph, source, target };
    }
  },
  forms: {
    compact: ({ graph, source, target }) => `edges ${edgeList(graph, '-', ' ')} ; dist(${source},${target}) =`,
    question: ({ graph, source, target }) => `In an undirected graph with edges ${edgeList(graph, '-', ', ')}, how many edges are on a shortest path from ${source} to ${target}?`,
    instruction: ({ graph, source, target }) => `Graph (node: neighbours) ${adjacencyText(graph)}. Give the shortest path length from ${source} to ${target}.`,
  },
  answers: ({ graph, source, target }) => [String(distances(graph, source)[target])],
};
