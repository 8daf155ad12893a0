// Real servers a message can arrive at, in-process: an SMS gateway over HTTP and an SMTP server.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sign = (secret: string, ts: number, body: string) => `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;

export type GatewayRequest = { key: string; messageId: string; to: string; template: string; text: string; params: Record<string, string> };

/**
 * A tiny SMS gateway: it checks the signature (written here from the documented scheme, not
 * from the sender's code), keeps idempotency keys (a repeated key is answered, not sent again),
 * and can be told to fail the next requests.
 */
export async function startSmsGateway(secret: string) {
  const requests: GatewayRequest[] = [];
  /** What reached a phone: one entry per message sent, by idempotency key. */
  const phones = new Map<string, GatewayRequest>();
  let failures: number[] = [];
  let refusedSignatures = 0;
  const server = createServer(async (req, res) => {
    const raw = await bodyOf(req);
    const ts = Number(req.headers['x-aftercare-timestamp']);
    if (req.headers['x-aftercare-signature'] !== sign(secret, ts, raw) || Math.abs(Date.now() / 1000 - ts) > 300) {
      refusedSignatures++;
      res.writeHead(401).end('{"error":"bad signature"}');
      return;
    }
    const body = JSON.parse(raw) as Omit<GatewayRequest, 'key'>;
    const key = String(req.headers['idempotency-key']);
    requests.push({ key, ...body });
    const fail = failures.shift();
    if (fail) {
      res.writeHead(fail, { 'content-type': 'application/json' }).end('{"error":"try later"}');
      return;
    }
    if (!phones.has(key)) phones.set(key, { key, ...body });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${[...phones.keys()].indexOf(key) + 1}` }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return {
    url,
    requests,
    phones,
    get refusedSignatures() {
      return refusedSignatures;
    },
    /** The next requests answer these statuses, in order. */
    failNext: (...statuses: number[]) => void (failures = statuses),
    /** Posts a signed delivery receipt to the server at `base`, as the gateway would. */
    receipt: async (base: string, body: Record<string, unknown>, options: { secret?: string; at?: number } = {}) => {
      const raw = JSON.stringify(body);
      const ts = options.at ?? Math.floor(Date.now() / 1000);
      const res = await fetch(`${base}/outbox/receipts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-aftercare-timestamp': String(ts), 'x-aftercare-signature': sign(options.secret ?? secret, ts, raw) }, body: raw });
      return { status: res.status, body: (await res.json()) as any };
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export type Mail = { from: string; to: string[]; subject: string; text: string; headers: string };

function decodeBody(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** An SMTP server that keeps what it is given; recipients at refuse.example are refused for good (550). */
export async function startSmtpServer() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.example')) return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        const headers = raw.slice(0, split);
        const subject = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), subject, text: decodeBody(headers, raw.slice(split + 4)).trim(), headers });
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/**
 * Aliyun's and Tencent Cloud's SendSms, stood in for by one local server (no sandbox is reachable
 * from here): the official SDKs send their real signed requests to it, and it answers each with a
 * fresh provider id (Aliyun's BizId, Tencent's SerialNo), as the services do.
 */
export async function startCloudSms() {
  let n = 0;
  const sent: { provider: 'aliyun' | 'tencent'; id: string; body: string; query: string }[] = [];
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const query = (req.url ?? '').split('?')[1] ?? '';
    res.setHeader('content-type', 'application/json');
    if (req.headers['x-acs-action'] === 'SendSms') {
      const id = `90061974693649${String(++n).padStart(4, '0')}^0`;
      sent.push({ provider: 'aliyun', id, body, query });
      res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: id, RequestId: `req-${n}` }));
    } else if (req.headers['x-tc-action'] === 'SendSms') {
      const id = `2433:${String(++n).padStart(28, '0')}`;
      sent.push({ provider: 'tencent', id, body, query });
      const phone = (JSON.parse(body) as { PhoneNumberSet: string[] }).PhoneNumberSet[0];
      res.end(JSON.stringify({ Response: { SendStatusSet: [{ SerialNo: id, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: `req-${n}` } }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
