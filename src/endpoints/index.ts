// Public surface of real-model support: serving a run, the endpoint learner, the LLM judge.
export { startServer, type ServeOptions, type RunningServer } from './serve/server.js';
export { createApp, type AppOptions } from './serve/app.js';
export { ModelStore, checkpointGenerations } from './serve/models.js';
export { EndpointLearner, endpointEntry, type EndpointParams } from '../learners/endpoint.js';
export { LlmJudgeSignal, llmJudgeEntry, parseJudgeReply, judgeReads } from '../signals/llm-judge.js';
export { stopEndpointWorker } from './client/sync-client.js';
