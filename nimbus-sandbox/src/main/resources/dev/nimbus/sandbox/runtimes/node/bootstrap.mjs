// Nimbus nodejs runtime: a Lambda Runtime API client for unmodified Node.js handlers.
//
// Started as `node <dir>/bootstrap.mjs [handler]` with cwd = the function's code directory
// (lambda-compat.md §2, §3.3). Loads `$_HANDLER` (`[path/]module.export[.nested]`), then loops on
// `GET /runtime/invocation/next` and posts each result or error back.
//
// Start-up time: node itself needs ~75 ms here; `node:net` adds ~4 ms and `node:http` a further
// ~3 ms, so HTTP/1.1 is spoken over one raw keep-alive socket. The socket is unref'd between
// requests, which lets 'beforeExit' tell us when a callback-style handler's event loop is empty.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = '/2018-06-01/runtime';

class ApiError extends Error {}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1 client for the Runtime API: one request at a time on one connection. The server
// answers with Content-Length; chunked and read-until-close bodies are accepted all the same.

class RuntimeApi {
  // address: AWS_LAMBDA_RUNTIME_API; unixSocket: the Unix socket that reaches the same endpoint
  // directly in a sandbox without a network (one relay hop fewer).
  constructor(address, unixSocket) {
    this.unixSocket = unixSocket || null;
    const at = address.lastIndexOf(':');
    this.host = address.slice(0, at).replace(/^\[|\]$/g, '') || '127.0.0.1';
    this.port = Number(address.slice(at + 1));
    this.hostHeader = address;
    this.socket = null;
    this.pending = null;
  }

  request(method, urlPath, body, contentType = 'application/json', errorType = undefined, extra = '') {
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nUser-Agent: nimbus-node/1\r\n`;
    if (body !== undefined) {
      head += `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n`;
    }
    if (errorType) {
      head += `Lambda-Runtime-Function-Error-Type: ${errorType.replace(/[^\x20-\x7e]/g, '?')}\r\n`;
    }
    const bytes = [Buffer.from(head + extra + '\r\n', 'latin1')];
    if (body !== undefined) {
      bytes.push(body);
    }
    const reused = this.socket !== null;
    return this.#exchange(bytes).catch((err) => {
      // The server may drop an idle keep-alive connection before reading the request: retry once.
      if (reused && err.beforeResponse) {
        return this.#exchange(bytes);
      }
      throw err;
    }).catch((err) => {
      throw new ApiError(`${method} ${urlPath} failed: ${err.message}`);
    });
  }

  #exchange(bytes) {
    return new Promise((resolve, reject) => {
      const socket = this.socket ?? this.#connect();
      this.pending = { resolve, reject, response: new ResponseParser() };
      socket.ref();
      socket.cork();
      for (const b of bytes) {
        socket.write(b);
      }
      socket.uncork();
    });
  }

  #connect() {
    const socket = this.unixSocket !== null ? connect({ path: this.unixSocket })
      : connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('end', () => this.#onClose(socket, 'connection closed by the Runtime API'));
    socket.on('error', (err) => this.#onClose(socket, err.message));
    socket.on('close', () => this.#onClose(socket, 'connection closed'));
    return socket;
  }

  #onData(chunk) {
    const p = this.pending;
    if (p === null) {
      return;
    }
    let done;
    try {
      done = p.response.push(chunk);
    } catch (err) {
      this.#fail(err);
      return;
    }
    if (done) {
      this.pending = null;
      if (p.response.headers.connection?.toLowerCase() === 'close') {
        this.#drop();
      } else {
        this.socket.unref();
      }
      p.resolve(p.response);
    }
  }

  #onClose(socket, reason) {
    if (socket !== this.socket) {
      return;
    }
    const p = this.pending;
    if (p !== null && p.response.untilClose) {
      this.pending = null;
      this.#drop();
      p.resolve(p.response.finish());
      return;
    }
    const err = new Error(reason);
    err.beforeResponse = p !== null && p.response.received === 0;
    this.#fail(err);
  }

  #fail(err) {
    const p = this.pending;
    this.pending = null;
    this.#drop();
    p?.reject(err);
  }

  #drop() {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }
}

/** Incremental parser of one HTTP/1.1 response. */
class ResponseParser {
  constructor() {
    this.parts = [];
    this.length = 0;
    this.received = 0;
    this.status = 0;
    this.headers = null;
    this.body = null;
    this.untilClose = false;
    this.chunks = null; // the chunked body so far, or null
    this.chunkLeft = -1; // bytes of the current chunk still to read, -1 = at a size line
  }

  /** Takes bytes; true once the whole response is in. */
  push(chunk) {
    this.parts.push(chunk);
    this.length += chunk.length;
    this.received += chunk.length;
    if (this.headers === null) {
      const end = this.#indexOf('\r\n\r\n');
      if (end < 0) {
        return false;
      }
      this.#parseHead(this.#take(end + 4).toString('latin1'));
    }
    if (this.chunks !== null) {
      return this.#pushChunked();
    }
    if (this.untilClose) {
      return false;
    }
    if (this.length < this.contentLength) {
      return false;
    }
    this.body = this.#take(this.contentLength);
    return true;
  }

  finish() {
    this.body = this.#take(this.length);
    return this;
  }

  #parseHead(text) {
    const lines = text.split('\r\n');
    this.status = Number(lines[0].split(' ')[1]);
    this.headers = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon > 0) {
        this.headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
      }
    }
    if (this.status === 204 || this.status === 304 || this.status < 200) {
      this.contentLength = 0;
    } else if (this.headers['content-length'] !== undefined) {
      this.contentLength = Number(this.headers['content-length']);
    } else if (/chunked/i.test(this.headers['transfer-encoding'] ?? '')) {
      this.chunks = [];
    } else {
      this.untilClose = true;
    }
  }

  #pushChunked() {
    for (;;) {
      if (this.chunkLeft < 0) {
        const eol = this.#indexOf('\r\n');
        if (eol < 0) {
          return false;
        }
        const size = parseInt(this.#take(eol + 2).toString('latin1'), 16);
        if (Number.isNaN(size)) {
          throw new Error('bad chunk size from the Runtime API');
        }
        if (size === 0) {
          this.chunkLeft = -2; // trailers until an empty line
        } else {
          this.chunkLeft = size;
        }
      }
      if (this.chunkLeft === -2) {
        const eol = this.#indexOf('\r\n');
        if (eol < 0) {
          return false;
        }
        if (eol === 0) {
          this.#take(2);
          this.body = Buffer.concat(this.chunks);
          return true;
        }
        this.#take(eol + 2);
        continue;
      }
      if (this.length < this.chunkLeft + 2) {
        return false;
      }
      this.chunks.push(this.#take(this.chunkLeft));
      this.#take(2);
      this.chunkLeft = -1;
    }
  }

  #indexOf(text) {
    if (this.parts.length > 1) {
      this.parts = [Buffer.concat(this.parts)];
    }
    return this.parts.length === 0 ? -1 : this.parts[0].indexOf(text, 0, 'latin1');
  }

  #take(n) {
    const all = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    const rest = all.subarray(n);
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return all.subarray(0, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Errors in the RIC's shapes (lambda-compat.md §1.5): {errorType, errorMessage, trace}.

/** A Runtime.* error; its trace is its message plus the stack of what caused it, if that helps. */
function runtimeError(name, message, causeStack = undefined) {
  const err = new Error(message);
  err.name = `Runtime.${name}`;
  err.stack = causeStack ? `${err.name}: ${message}\n${causeStack}` : `${err.name}: ${message}`;
  return err;
}

function errorDocument(err) {
  try {
    if (err instanceof Error || (err && err.name && err.message && err.stack)) {
      return { errorType: err.name, errorMessage: err.message, trace: String(err.stack).split('\n') };
    }
    return { errorType: typeof err, errorMessage: String(err), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more '
        + 'of its message, name, and stack',
      trace: [],
    };
  }
}

function logError(label, doc) {
  const { errorType, errorMessage, trace } = doc;
  process.stderr.write(`ERROR\t${label}\t${JSON.stringify({ errorType, errorMessage, stack: trace })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Handler loading (lambda-compat.md §2.4).

function isFile(file) {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** True when the package.json nearest to dir says "type": "module" (the RIC's rule). */
function inModulePackage(dir) {
  for (;;) {
    if (dir.endsWith(`${path.sep}node_modules`)) {
      return false;
    }
    const manifest = path.join(dir, 'package.json');
    if (isFile(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8'))?.type === 'module';
      } catch {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return false;
    }
    dir = parent;
  }
}

/**
 * The module's exports (CommonJS) or namespace (ES module), looked up as the RIC does: extensionless,
 * .js, .mjs, .cjs, then Node's resolution from the app root. CommonJS goes through require() because
 * import() of CommonJS costs ~3 ms more here (it starts cjs-module-lexer to find named exports);
 * ES modules go through import().
 */
async function loadModule(appRoot, moduleRoot, name) {
  const base = path.resolve(appRoot, moduleRoot, name);
  const require = createRequire(import.meta.url);
  const load = (file, esm) => (esm ? import(pathToFileURL(file).href) : requireOrImport(require, file));
  if (isFile(base)) {
    return load(base, false);
  }
  if (isFile(`${base}.js`)) {
    return load(`${base}.js`, inModulePackage(path.dirname(base)));
  }
  if (isFile(`${base}.mjs`)) {
    return load(`${base}.mjs`, true);
  }
  if (isFile(`${base}.cjs`)) {
    return load(`${base}.cjs`, false);
  }
  return load(require.resolve(name, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }), false);
}

function requireOrImport(require, file) {
  try {
    return require(file);
  } catch (err) {
    if (err?.code === 'ERR_REQUIRE_ESM' || err?.code === 'ERR_REQUIRE_ASYNC_MODULE') {
      return import(pathToFileURL(file).href);
    }
    throw err;
  }
}

function property(object, dotted) {
  return dotted.split('.').reduce((value, key) => value?.[key], object);
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw runtimeError('MalformedHandlerName', `'${fullHandler}' is not a valid handler name. `
      + 'Use absolute paths when specifying root directories in handler names.');
  }
  const file = path.basename(fullHandler);
  const moduleRoot = fullHandler.slice(0, fullHandler.length - file.length);
  const match = /^([^.]*)\.(.*)$/.exec(file);
  if (!match) {
    throw runtimeError('MalformedHandlerName', 'Bad handler');
  }
  const [, moduleName, exportPath] = match;
  let namespace;
  try {
    namespace = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw runtimeError('UserCodeSyntaxError', String(err), err.stack); // CommonJS: file, line, caret
    }
    if (err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND') {
      throw runtimeError('ImportModuleError', String(err));
    }
    throw err;
  }
  // Also look in an ES module's default export (and a CommonJS module's exports seen through import()).
  let handler = property(namespace, exportPath);
  if (handler === undefined && namespace.default != null) {
    handler = property(namespace.default, exportPath);
  }
  if (!handler) {
    throw runtimeError('HandlerNotFound', `${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw runtimeError('HandlerNotFound', `${fullHandler} is not a function`);
  }
  return handler;
}

// ---------------------------------------------------------------------------------------------
// One invocation.

function parseHeaderJson(value, label) {
  if (!value) {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${label} as json: ${err.toString()}`);
  }
}

/**
 * Runs the handler to its outcome: {error} or {result}. Async handlers settle with their promise;
 * callback-style handlers (3+ parameters) with the callback, after the event loop has emptied unless
 * context.callbackWaitsForEmptyEventLoop was cleared; a plain return settles at once. A handler that
 * settles none of these ways settles when the event loop is empty, as in the RIC.
 */
function runHandler(handler, event, headers) {
  return new Promise((resolve) => {
    let settled = false;
    let waitForEmptyLoop = true;
    let callbackResult; // {result} once the callback has been called and the loop has to drain
    let isPromise = false;
    const settle = (outcome) => {
      if (!settled) {
        settled = true;
        process.removeListener('beforeExit', onEmptyLoop);
        resolve(outcome);
      }
    };
    const fail = (err) => settle({ error: err ?? 'handled' });
    const onEmptyLoop = () => {
      if (isPromise) {
        fail(runtimeError('NodeJsExit', 'The handler\'s promise was never settled: the event loop emptied first.'));
      } else {
        settle(callbackResult ?? { result: null });
      }
    };
    const callback = (err, result) => {
      if (err !== undefined && err !== null) {
        fail(err);
      } else if (!waitForEmptyLoop) {
        settle({ result });
      } else {
        callbackResult = { result };
      }
    };
    const deadline = Number(headers['lambda-runtime-deadline-ms']) || 0;
    const env = process.env;
    let context;
    try {
      context = {
        get callbackWaitsForEmptyEventLoop() {
          return waitForEmptyLoop;
        },
        set callbackWaitsForEmptyEventLoop(value) {
          waitForEmptyLoop = value;
        },
        succeed: (result) => settle({ result }),
        fail,
        done: (err, result) => (err !== undefined && err !== null ? fail(err) : settle({ result })),
        functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
        functionName: env.AWS_LAMBDA_FUNCTION_NAME,
        memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
        logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
        clientContext: parseHeaderJson(headers['lambda-runtime-client-context'], 'ClientContext'),
        identity: parseHeaderJson(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
        invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
        awsRequestId: headers['lambda-runtime-aws-request-id'],
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
    } catch (err) {
      fail(err);
      return;
    }
    process.on('beforeExit', onEmptyLoop);
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (err) {
      fail(err);
      return;
    }
    if (returned !== null && typeof returned?.then === 'function') {
      isPromise = true;
      Promise.resolve(returned).then((result) => settle({ result }), fail);
    } else if (handler.length < 3 && returned !== undefined) {
      settle({ result: returned });
    }
  });
}

function serialize(result) {
  try {
    return { body: Buffer.from(JSON.stringify(result ?? null) ?? 'null') };
  } catch (err) {
    return { error: runtimeError('MarshalError', `Unable to stringify response body: ${err.message}`) };
  }
}

// ---------------------------------------------------------------------------------------------
// Main loop and process-level failures.

const state = { phase: 'init', requestId: null, settled: false, posting: null };
let api;

async function postError(urlPath, err) {
  const doc = errorDocument(err);
  logError(urlPath.endsWith('/init/error') ? 'Init Error' : 'Invoke Error', doc);
  return api.request('POST', urlPath, Buffer.from(JSON.stringify(doc)), 'application/json', doc.errorType);
}

// The handler's load time, sent with the first /next only (Nimbus tells runtime from handler init).
let firstNextHeaders = '';

async function invokeOnce(handler) {
  state.phase = 'idle';
  const extra = firstNextHeaders;
  firstNextHeaders = '';
  const next = await api.request('GET', `${PREFIX}/invocation/next`, undefined, undefined, undefined, extra);
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  if (next.status !== 200 || !requestId) {
    throw new ApiError(`/next answered ${next.status}: ${next.body.toString('utf8', 0, 200)}`);
  }
  Object.assign(state, { phase: 'invoking', requestId, settled: false });
  const trace = next.headers['lambda-runtime-trace-id'];
  if (trace) {
    process.env._X_AMZN_TRACE_ID = trace;
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  let outcome;
  try {
    outcome = await runHandler(handler, JSON.parse(next.body.toString('utf8')), next.headers);
  } catch (err) {
    outcome = { error: err }; // the event is not JSON
  }
  if (state.settled) {
    return new Promise(() => {}); // crash() has reported this invocation and is about to exit
  }
  if (!('error' in outcome)) {
    outcome = serialize(outcome.result);
  }
  state.settled = true;
  const base = `${PREFIX}/invocation/${requestId}`;
  state.posting = 'error' in outcome
    ? postError(`${base}/error`, outcome.error)
    : api.request('POST', `${base}/response`, outcome.body);
  const answer = await state.posting;
  if (answer.status >= 500) {
    throw new ApiError(`posting the result answered ${answer.status}`);
  }
  if (answer.status !== 202) {
    // 400 (stale id) or 413 (too large): the platform has settled this invocation already.
    process.stderr.write(`nimbus: Runtime API answered ${answer.status}: ${answer.body.toString('utf8', 0, 200)}\n`);
  }
}

/** An uncaught exception or unhandled rejection: report it where it belongs, then exit. */
async function crash(err, code) {
  try {
    if (state.phase === 'init') {
      state.phase = 'ending';
      code = 1;
      state.posting = postError(`${PREFIX}/init/error`, err);
    } else if (state.phase === 'invoking' && !state.settled) {
      state.settled = true;
      state.posting = postError(`${PREFIX}/invocation/${state.requestId}/error`, err);
    } else {
      logError('Uncaught Exception', errorDocument(err));
    }
    await state.posting;
  } catch {
    // the Runtime API is gone: nothing left to tell
  }
  process.exit(code);
}

function unhandledRejection(reason) {
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  return runtimeError('UnhandledPromiseRejection', message, reason instanceof Error ? reason.stack : undefined);
}

async function main() {
  const address = process.env.AWS_LAMBDA_RUNTIME_API;
  if (!address) {
    process.stderr.write('nimbus: AWS_LAMBDA_RUNTIME_API is not set\n');
    process.exit(1);
  }
  api = new RuntimeApi(address, process.env.NIMBUS_RUNTIME_API_SOCKET);
  process.on('uncaughtException', (err) => crash(err, 129));
  process.on('unhandledRejection', (reason) => crash(unhandledRejection(reason), 128));
  try {
    let handler;
    try {
      const started = process.hrtime.bigint();
      handler = await loadHandler(process.cwd(), process.argv[2] ?? process.env._HANDLER ?? '');
      firstNextHeaders = `Nimbus-Handler-Init-Us: ${(process.hrtime.bigint() - started) / 1000n}\r\n`;
    } catch (err) {
      state.phase = 'ending';
      state.posting = postError(`${PREFIX}/init/error`, err);
      await state.posting;
      process.exit(1);
    }
    for (;;) {
      await invokeOnce(handler);
    }
  } catch (err) {
    process.stderr.write(`nimbus: Runtime API unavailable, exiting: ${err.message}\n`);
    process.exit(1);
  }
}

main();
