"""Nimbus python3 runtime: a Lambda Runtime API client for unmodified Python handlers.

Started as ``/usr/bin/python3 <dir>/bootstrap.py [handler]`` with cwd = the function's code
directory (lambda-compat.md §2, §3.2). Loads ``$_HANDLER`` (``module.function``), then loops on
``GET /runtime/invocation/next`` and posts each result or error back.

Start-up time drives the layout of this file. On the reference machine (2 cores) the bare
interpreter needs ~25 ms to reach a first request, compiling the ~500 lines of the runtime below adds
~9 ms, ``import json`` ~11 ms and ``import socket`` ~10 ms (both pull in ``re`` and ``enum``). So:
  * the runtime is kept as source text in ``_RUNTIME``, compiled once and cached with ``marshal``
    in ``__pycache__/`` beside this file (keyed by this file's mtime and size and the interpreter
    version, like a .pyc); loading it costs under 1 ms. Instances see this directory read-only, so
    the server builds the cache at start (``NIMBUS_PRECOMPILE=1``); without it every start compiles.
  * it talks HTTP through ``_socket`` and JSON through ``_json`` (the C halves of the stdlib
    modules) and imports ``json``, ``traceback`` and the Decimal encoder only on the paths that
    need them.
"""
import os
import sys


def _load_runtime():
    """The code object of ``_RUNTIME``, from the cache when it was made from this very file."""
    import marshal
    path = os.path.abspath(__file__)
    st = os.stat(path)
    stamp = b"nimbus:%d:%d:%d\n" % (sys.hexversion, st.st_mtime_ns, st.st_size)
    name = os.path.splitext(os.path.basename(path))[0]
    cache = os.path.join(os.path.dirname(path), "__pycache__",
                         "%s.%s.nimbus" % (name, sys.implementation.cache_tag))
    try:
        with open(cache, "rb") as f:
            data = f.read()
        if data.startswith(stamp):
            return marshal.loads(data[len(stamp):])
    except (OSError, EOFError, ValueError, TypeError):
        pass
    with open(path, encoding="utf-8") as f:
        text = f.read()
    at = text.find(_RUNTIME)
    # Pad with the lines before the literal so that tracebacks show this file's line numbers.
    code = compile("\n" * (text.count("\n", 0, at) if at >= 0 else 0) + _RUNTIME, path, "exec")
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        # Not the pid alone: instances in their own PID namespaces share pids.
        partial = "%s.%d.%s" % (cache, os.getpid(), os.urandom(4).hex())
        with open(partial, "wb") as f:
            f.write(stamp + marshal.dumps(code))
        os.replace(partial, cache)  # atomic: instances starting together never read half a file
    except OSError:
        try:
            os.unlink(partial)
        except (OSError, NameError):
            pass
    return code


# The runtime proper. It is ordinary Python; it only lives in a string so that starting the
# interpreter does not compile it (see the module docstring). Keep three single quotes out of it.
_RUNTIME = r'''
import time
from _socket import socket as _socket, AF_INET, AF_INET6, AF_UNIX, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY
from _json import make_scanner, make_encoder, encode_basestring

_PREFIX = "/2018-06-01/runtime"
_NEXT = _PREFIX + "/invocation/next"
_OWN_FILES = (__file__, os.path.abspath(__file__))


class _Fault(Exception):
    """A failure with a Lambda error type of its own (Runtime.*), reported without user frames."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


class _ApiError(Exception):
    """The Runtime API is gone or answered 5xx: the instance cannot go on."""


# ---------------------------------------------------------------------------------------------
# HTTP/1.1 over one keep-alive connection. The Runtime API server answers with Content-Length;
# chunked and read-until-close bodies are handled anyway so that no server quirk hangs us.

class _Api:
    def __init__(self, address, unix_socket=None):
        """``address`` is AWS_LAMBDA_RUNTIME_API; ``unix_socket`` the Unix socket that reaches the same
        endpoint directly in a sandbox without a network (one relay hop fewer)."""
        if unix_socket:
            self._family = AF_UNIX
            self._target = unix_socket
        else:
            host, _, port = address.rpartition(":")
            host = host.strip("[]") or "127.0.0.1"
            self._family = AF_INET6 if ":" in host else AF_INET
            self._target = (host, int(port))
        self._host = address.encode("latin-1")
        self._sock = None
        self._buf = bytearray()
        self._got_bytes = False

    def _connect(self):
        sock = _socket(self._family, SOCK_STREAM)
        if self._family != AF_UNIX:
            sock.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)
        sock.settimeout(1.0)
        sock.connect(self._target)
        sock.settimeout(None)  # /next blocks for as long as the instance stays idle
        self._sock = sock
        self._buf = bytearray()

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def call(self, method, path, body=None, content_type=b"application/json", error_type=None, extra=b""):
        head = b"%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: nimbus-python/1\r\n" % (
            method, path.encode("latin-1"), self._host)
        if body is not None:
            head += b"Content-Type: %s\r\nContent-Length: %d\r\n" % (content_type, len(body))
        if error_type:
            head += b"Lambda-Runtime-Function-Error-Type: %s\r\n" % error_type.encode("ascii", "replace")
        head += extra + b"\r\n"
        reused = self._sock is not None
        try:
            if not reused:
                self._connect()
            return self._exchange(head, body)
        except (OSError, EOFError) as e:
            self.close()
            if not reused or self._got_bytes:
                raise _ApiError("%s %s failed: %r" % (method.decode(), path, e)) from None
        # The server dropped the idle keep-alive connection before reading our request: retry once.
        try:
            self._connect()
            return self._exchange(head, body)
        except (OSError, EOFError) as e:
            self.close()
            raise _ApiError("%s %s failed: %r" % (method.decode(), path, e)) from None

    def _exchange(self, head, body):
        self._got_bytes = False
        sock = self._sock
        if body is None:
            sock.sendall(head)
        elif len(body) <= 65536:
            sock.sendall(head + body)
        else:
            sock.sendall(head)
            sock.sendall(body)
        status, headers = self._read_head()
        if status in (204, 304) or 100 <= status < 200:
            payload = b""
        elif "content-length" in headers:
            payload = self._read_exact(int(headers["content-length"]))
        elif "chunked" in headers.get("transfer-encoding", ""):
            payload = self._read_chunked()
        else:
            payload = self._read_to_close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, payload

    def _fill(self):
        chunk = self._sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by the Runtime API")
        self._got_bytes = True
        self._buf += chunk

    def _read_line_block(self, terminator):
        while True:
            i = self._buf.find(terminator)
            if i >= 0:
                block = bytes(self._buf[:i])
                del self._buf[:i + len(terminator)]
                return block
            self._fill()

    def _read_head(self):
        lines = self._read_line_block(b"\r\n\r\n").decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers

    def _read_exact(self, n):
        buf = self._buf
        if len(buf) >= n:
            data = bytes(buf[:n])
            del buf[:n]
            return data
        data = bytearray(n)
        view = memoryview(data)
        have = len(buf)
        view[:have] = buf
        self._buf = bytearray()
        while have < n:
            got = self._sock.recv_into(view[have:])
            if not got:
                raise EOFError("connection closed in the middle of a body")
            self._got_bytes = True
            have += got
        return bytes(data)

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self._read_line_block(b"\r\n").split(b";", 1)[0], 16)
            if size == 0:
                while self._read_line_block(b"\r\n"):  # trailers end with an empty line
                    pass
                return b"".join(parts)
            parts.append(self._read_exact(size))
            self._read_exact(2)

    def _read_to_close(self):
        try:
            while True:
                self._fill()
        except EOFError:
            data = bytes(self._buf)
            self.close()
            return data


# ---------------------------------------------------------------------------------------------
# JSON with the C accelerator only. Anything the fast path does not accept (errors, BOMs, UTF-16,
# lone surrogates) goes to the json module so that results and error messages match json.loads.

class _ScanContext:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # float("NaN"), float("Infinity"), float("-Infinity") as in json
    memo = {}


_scan = make_scanner(_ScanContext())
_WS = " \t\n\r"


def _loads(data):
    try:
        text = data.decode("utf-8") if not isinstance(data, str) else data
        n = len(text)
        i = 0
        while i < n and text[i] in _WS:
            i += 1
        value, end = _scan(text, i)
        if end == n or not text[end:].strip(_WS):
            return value
    except Exception:
        pass
    import json
    return json.loads(data)


class _HasDecimal(Exception):
    pass


def _default(o):
    dec = sys.modules.get("decimal")
    if dec is not None and isinstance(o, dec.Decimal):
        raise _HasDecimal()
    raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)


# ensure_ascii=False and the default ", " / ": " separators, as the AWS python runtimes emit.
_encode = make_encoder({}, _default, encode_basestring, None, ": ", ", ", False, False, True)


def _dumps(obj):
    try:
        return "".join(_encode(obj, 0))
    except _HasDecimal:
        return _dumps_with_decimals(obj)


def _dumps_with_decimals(obj):
    """Decimals as their exact text (1.10 stays 1.10), like simplejson in the AWS runtime."""
    from json.encoder import _make_iterencode
    dec = sys.modules["decimal"]

    class Raw(float):
        pass

    def default(o):
        if isinstance(o, dec.Decimal):
            raw = Raw(0.0)
            raw.text = "NaN" if o.is_nan() else str(o)
            return raw
        raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)

    def floatstr(o, _repr=float.__repr__, _inf=float("inf")):
        if type(o) is Raw:
            return o.text
        if o != o:
            return "NaN"
        if o == _inf:
            return "Infinity"
        if o == -_inf:
            return "-Infinity"
        return _repr(o)

    encode = _make_iterencode({}, default, encode_basestring, None, floatstr, ": ", ", ", False, False, True)
    return "".join(encode(obj, 0))


# ---------------------------------------------------------------------------------------------
# The context object, attribute for attribute as awslambdaric's LambdaContext.

class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")


class ClientContext:
    __slots__ = ("custom", "env", "client")


def _from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


class LambdaContext:
    def __init__(self, request_id, deadline_ms, arn, client_context, identity):
        env = os.environ
        self.aws_request_id = request_id
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = arn
        self.tenant_id = None
        self.client_context = _from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _from_dict(Client, self.client_context.client)
        self.identity = _from_dict(CognitoIdentity, {})
        if identity is not None:
            self.identity.cognito_identity_id = identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return ("LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
                "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s])" % (
                    self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                    self.memory_limit_in_mb, self.function_version, self.invoked_function_arn))


def _header_json(headers, name, label):
    raw = headers.get(name)
    if not raw:
        return None
    try:
        return _loads(raw)
    except Exception as e:
        raise _Fault("Runtime.LambdaContextUnmarshalError", "Unable to parse %s JSON: %s" % (label, e))


# ---------------------------------------------------------------------------------------------
# Handler loading (lambda-compat.md §2.4) and error documents (§1.5).

def _load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise _Fault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, e))
    name = modname.replace("/", ".")
    if modname.split(".")[0] in sys.builtin_module_names:
        raise _Fault("Runtime.BuiltInModuleConflict",
                     "Cannot use built-in module %s as a handler module" % modname)
    try:
        __import__(name)
        module = sys.modules[name]
    except ImportError as e:
        raise _Fault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (modname, e))
    except SyntaxError as e:
        raise _Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (modname, e),
                     ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)])
    try:
        return getattr(module, fname)
    except AttributeError:
        raise _Fault("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (fname, modname))


def _error_document(exc, request_id):
    if isinstance(exc, _Fault):
        return {"errorMessage": exc.message, "errorType": exc.error_type,
                "requestId": request_id, "stackTrace": exc.trace or []}
    import traceback
    frames = traceback.extract_tb(exc.__traceback__)
    # Drop this file's own frames (and importlib's around a failing import), as the RIC does.
    start = 0
    while start < len(frames) and (frames[start].filename in _OWN_FILES
                                   or frames[start].filename.startswith("<frozen importlib")):
        start += 1
    return {"errorMessage": _safe_str(exc), "errorType": type(exc).__name__,
            "requestId": request_id, "stackTrace": traceback.format_list(frames[start:])}


def _safe_str(exc):
    try:
        return str(exc)
    except Exception:
        return "<unprintable %s object>" % type(exc).__name__


def _log_error(doc):
    description = "[ERROR] " + doc["errorType"]
    if doc["errorMessage"]:
        description += ": " + doc["errorMessage"]
    lines = [description]
    if doc["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in doc["stackTrace"])
    sys.stdout.write("\n".join(lines) + "\n")


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# Python logging, wired like awslambdaric's text format, but only once some code has imported
# `logging` (importing it ourselves would cost ~20 ms of every cold start). A root logger the user
# already configured is left alone so that lines are not printed twice.

_request_id = ""
_logging_state = [False]


def _maybe_install_logging():
    if _logging_state[0] or "logging" not in sys.modules:
        return
    _logging_state[0] = True
    logging = sys.modules["logging"]
    root = logging.getLogger()
    if root.handlers:
        return

    class LambdaLoggerHandler(logging.Handler):
        def emit(self, record):
            try:
                record.aws_request_id = _request_id
                sys.stdout.write(self.format(record))
            except Exception:
                self.handleError(record)

    handler = LambdaLoggerHandler()
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root.addHandler(handler)


# ---------------------------------------------------------------------------------------------

def _invoke(handler, headers, body):
    """Runs one invocation: (payload bytes, content type) or raises."""
    context = LambdaContext(
        headers["lambda-runtime-aws-request-id"],
        int(headers.get("lambda-runtime-deadline-ms") or 0),
        headers.get("lambda-runtime-invoked-function-arn"),
        _header_json(headers, "lambda-runtime-client-context", "Client Context"),
        _header_json(headers, "lambda-runtime-cognito-identity", "Cognito Identity"))
    content_type = headers.get("content-type", "application/json")
    if content_type.split(";", 1)[0].strip().lower() == "application/json":
        try:
            event = _loads(body)
        except Exception as e:
            raise _Fault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
    else:
        event = body
    result = handler(event, context)
    if isinstance(result, bytes):
        return result, b"application/unknown"
    try:
        # backslashreplace turns a lone surrogate into its JSON escape (\ud800) inside the string.
        return _dumps(result).encode("utf-8", "backslashreplace"), b"application/json"
    except Exception as e:
        raise _Fault("Runtime.MarshalError", "Unable to marshal response: %s" % e)


def _serve(api, handler, first_extra):
    global _request_id
    environ = os.environ
    extra = first_extra  # the handler's load time goes with the first /next only
    while True:
        status, headers, body = api.call(b"GET", _NEXT, extra=extra)
        extra = b""
        request_id = headers.get("lambda-runtime-aws-request-id")
        if status != 200 or not request_id:
            raise _ApiError("/next answered %d: %s" % (status, body[:200].decode("utf-8", "replace")))
        trace = headers.get("lambda-runtime-trace-id")
        if trace:
            environ["_X_AMZN_TRACE_ID"] = trace
        elif "_X_AMZN_TRACE_ID" in environ:
            del environ["_X_AMZN_TRACE_ID"]
        _request_id = request_id
        _maybe_install_logging()
        path = "%s/invocation/%s/" % (_PREFIX, request_id)
        error_type = None
        try:
            payload, content_type = _invoke(handler, headers, body)
        except Exception as e:
            doc = _error_document(e, request_id)
            _log_error(doc)
            payload, content_type = _dumps(doc).encode("utf-8", "backslashreplace"), b"application/json"
            error_type = doc["errorType"]
        _flush()
        if error_type is None:
            status, _, answer = api.call(b"POST", path + "response", payload, content_type)
        else:
            status, _, answer = api.call(b"POST", path + "error", payload, content_type, error_type)
        if status >= 500:
            raise _ApiError("posting the result answered %d: %s" % (status, answer[:200].decode("utf-8", "replace")))
        if status != 202:
            # 400 (stale id) or 413 (too large): the platform has settled this invocation already.
            sys.stderr.write("nimbus: Runtime API answered %d: %s\n"
                             % (status, answer[:200].decode("utf-8", "replace")))


def _init(api, handler_name):
    """Imports the handler; on failure reports an init error and exits with status 1."""
    try:
        return _load_handler(handler_name)
    except Exception as e:
        doc = _error_document(e, "")
        _log_error(doc)
        _flush()
        api.call(b"POST", _PREFIX + "/init/error", _dumps(doc).encode("utf-8", "backslashreplace"),
                 b"application/json", doc["errorType"])
        sys.exit(1)


def main():
    if not os.environ.get("PYTHONUNBUFFERED"):
        sys.stdout.reconfigure(line_buffering=True)
        sys.stderr.reconfigure(line_buffering=True)
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    sys.path[0] = task_root  # in place of this file's directory, so user modules win
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))  # import nimbus: the helpers, last
    handler_name = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("_HANDLER", "")
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        sys.stderr.write("nimbus: AWS_LAMBDA_RUNTIME_API is not set\n")
        sys.exit(1)
    api = _Api(address, os.environ.get("NIMBUS_RUNTIME_API_SOCKET"))
    try:
        started = time.perf_counter()
        handler = _init(api, handler_name)
        init_us = int((time.perf_counter() - started) * 1e6)
        _serve(api, handler, b"Nimbus-Handler-Init-Us: %d\r\n" % init_us)
    except _ApiError as e:
        _flush()
        sys.stderr.write("nimbus: Runtime API unavailable, exiting: %s\n" % e)
        sys.exit(1)

'''

if __name__ == "__main__":
    exec(_load_runtime(), globals())
    if os.environ.get("NIMBUS_PRECOMPILE") == "1":  # the server builds the cache: instances cannot write it
        sys.exit(0)
    main()
