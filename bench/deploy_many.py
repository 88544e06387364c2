"""Deploys COUNT small Python functions through the native API, each with its own code archive.

Usage: /usr/bin/python3 bench/deploy_many.py BASE_URL COUNT [PREFIX [EXTRA_JSON]]
Function i is PREFIX-i (default prefix "idle"); its zip holds an app.py that differs only by a
comment, so every function has its own code sha256 as real functions would. EXTRA_JSON is merged
into every deploy body (e.g. '{"scaling": {"initialInstances": 0}}'). Prints one line:
functions=N seconds=S. One keep-alive connection, requests in sequence; stops at the first error.
"""
import http.client
import io
import json
import sys
import time
import urllib.parse
import zipfile


def code(i):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("app.py", f"# function {i}\n\ndef handler(event, context):\n"
                             f"    return {{\"statusCode\": 200, \"body\": \"ok {i}\"}}\n")
    return buf.getvalue()


def call(conn, method, path, body, content_type):
    conn.request(method, path, body=body, headers={"Content-Type": content_type})
    res = conn.getresponse()
    data = res.read()
    if res.status // 100 != 2:
        sys.exit(f"{method} {path}: HTTP {res.status} {data.decode(errors='replace')}")
    return json.loads(data)


def main():
    base, count = urllib.parse.urlsplit(sys.argv[1]), int(sys.argv[2])
    prefix = sys.argv[3] if len(sys.argv) > 3 else "idle"
    extra = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    conn = http.client.HTTPConnection(base.hostname, base.port)
    start = time.monotonic()
    for i in range(count):
        sha = call(conn, "POST", "/api/v1/code", code(i), "application/zip")["sha256"]
        body = {"runtime": "python3", "handler": "app.handler", "codeSha256": sha, **extra}
        call(conn, "PUT", f"/api/v1/functions/{prefix}-{i}", json.dumps(body).encode(), "application/json")
    print(f"functions={count} seconds={time.monotonic() - start:.1f}")


if __name__ == "__main__":
    main()
