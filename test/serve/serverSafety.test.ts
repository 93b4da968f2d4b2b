import { connect } from 'node:net';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/serve/server.js';
import { ROOT } from '../helpers.js';

const KNOWSLEY = { year: '2020', slug: 'knowsley-metropolitan-borough-council', file: join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml') };

let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<PreviewServer> {
  server = await startPreviewServer(KNOWSLEY, { dataDir: join(ROOT, 'data'), templatesDir: join(ROOT, 'templates'), port: 0 });
  return server;
}

/** A GET of `path` exactly as written: neither decoded nor normalised by the client. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host: `127.0.0.1:${port}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** This machine's own addresses that are not loopback. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4')
    .map((info) => info!.address);
}

function connectionTo(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('timed out');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('the preview server listens on 127.0.0.1 only', () => {
  it('is bound to 127.0.0.1, the address it prints', async () => {
    const preview = await start();
    expect(preview.address.address).toBe('127.0.0.1');
    expect(preview.address.family).toBe('IPv4');
    expect(preview.url).toBe(`http://127.0.0.1:${preview.address.port}/`);
    expect(await connectionTo('127.0.0.1', preview.address.port)).toBe('connected');
  });

  it("refuses a connection to this machine's other addresses", async () => {
    const preview = await start();
    const addresses = ownAddresses();
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect([address, await connectionTo(address, preview.address.port)]).toEqual([address, 'ECONNREFUSED']);
  });
});

describe('the path is routed raw, neither decoded nor normalised', () => {
  it('serves the asset by its own path', async () => {
    const preview = await start();
    expect((await get(preview.address.port, '/assets/preview.js')).status).toBe(200);
  });

  for (const path of ['/assets/preview%2ejs', '/assets/x/../preview.js', '/assets/./preview.js', '/%E0%A4%A', '/letters/2020/knowsley-metropolitan-borough-council%2f..%2f/letter.html']) {
    it(`${path} is 404, never 500`, async () => {
      const preview = await start();
      const response = await get(preview.address.port, path);
      expect(response.status).toBe(404);
    });
  }
});
