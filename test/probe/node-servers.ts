// Node servers for the probe's tests, each on 127.0.0.1 on a free port, each counting the requests
// it received: Express with cors, Koa with @koa/cors, Fastify with @fastify/cors, a hand-written one
// (for what no library does, a reflected origin without Vary), and listeners that are no good
// servers (never answer, answer with a redirect, answer with something other than HTTP).

import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
import cors from 'cors';
import express from 'express';
import fastify from 'fastify';
import Koa from 'koa';
import { freePort } from '../servers/process.ts';

export interface RunningServer {
  /** `http://127.0.0.1:PORT/api` */
  url: string;
  /** Requests received so far. */
  requests(): number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, a free port; resolves once listening. */
function listen(server: Server | NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes the server and every connection still open on it. */
function closing(server: Server | NetServer, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function running(server: Server | NetServer, counted: { n: number }): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/api`, requests: () => counted.n, close: closing(server, sockets) };
}

export async function expressServer(options: cors.CorsOptions): Promise<RunningServer> {
  const counted = { n: 0 };
  const app = express();
  app.use((_request, _response, next) => {
    counted.n++;
    next();
  });
  app.use(cors(options));
  app.all('/api', (_request, response) => {
    response.json({ secret: 'the user data' });
  });
  return running(createHttpServer(app), counted);
}

export async function koaServer(options: koaCors.Options): Promise<RunningServer> {
  const counted = { n: 0 };
  const app = new Koa();
  app.use(async (_context, next) => {
    counted.n++;
    await next();
  });
  app.use(koaCors(options));
  app.use((context) => {
    context.body = { secret: 'the user data' };
  });
  return running(createHttpServer(app.callback()), counted);
}

export async function fastifyServer(options: Parameters<typeof fastifyCors>[1]): Promise<RunningServer> {
  const counted = { n: 0 };
  const app = fastify();
  app.addHook('onRequest', async () => {
    counted.n++;
  });
  await app.register(fastifyCors, options);
  app.all('/api', async () => ({ secret: 'the user data' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/api`, requests: () => counted.n, close: () => app.close() };
}

/** Answers every request with `headers(origin)` and 200 (204 to OPTIONS). */
export async function plainServer(headers: (origin: string | undefined) => Record<string, string>): Promise<RunningServer> {
  const counted = { n: 0 };
  const server = createHttpServer((request, response) => {
    counted.n++;
    response.writeHead(request.method === 'OPTIONS' ? 204 : 200, headers(request.headers.origin));
    response.end(request.method === 'OPTIONS' ? undefined : '{}');
  });
  return running(server, counted);
}

/** Answers every request with a 302 to `location`. */
export async function redirectServer(location: string): Promise<RunningServer> {
  const counted = { n: 0 };
  const server = createHttpServer((_request, response) => {
    counted.n++;
    response.writeHead(302, { Location: location }).end();
  });
  return running(server, counted);
}

/** Accepts connections and never answers. */
export async function silentListener(): Promise<RunningServer> {
  const counted = { n: 0 };
  const server = createNetServer(() => {
    counted.n++;
  });
  return running(server, counted);
}

/** Speaks something other than HTTP (an SSH greeting), then hangs up. */
export async function nonHttpListener(): Promise<RunningServer> {
  const counted = { n: 0 };
  const server = createNetServer((socket) => {
    counted.n++;
    socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
  });
  return running(server, counted);
}

/** A port nothing listens on: one that was free a moment ago. */
export async function refusedUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/api`;
}
