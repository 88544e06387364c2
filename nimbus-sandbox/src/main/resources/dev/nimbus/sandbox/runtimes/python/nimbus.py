"""Nimbus helpers for Python functions: ``nimbus.publish(topic, data)`` sends an event to the
Nimbus event bus as a CloudEvent (binary mode) from this function; subscriptions of the topic
deliver it to their functions. Uses only the standard library."""
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid


def publish(topic, data, type="nimbus.event", subject=None, source=None, timeout=10):
    """Publishes ``data`` (anything ``json.dumps`` takes) to ``topic``; returns the bus's answer,
    ``{"id", "topic", "deliveries"}``. Raises ``RuntimeError`` with the bus's message on refusal."""
    url = os.environ.get("NIMBUS_EVENTS_URL")
    if not url:
        raise RuntimeError("NIMBUS_EVENTS_URL is not set: nimbus.publish works inside a Nimbus instance")
    headers = {
        "Content-Type": "application/json",
        "ce-specversion": "1.0",
        "ce-id": str(uuid.uuid4()),
        "ce-source": source or "/nimbus/functions/" + os.environ.get("AWS_LAMBDA_FUNCTION_NAME", ""),
        "ce-type": type,
        "Authorization": "Bearer " + os.environ.get("NIMBUS_EVENTS_TOKEN", ""),
    }
    if subject:
        headers["ce-subject"] = subject
    request = urllib.request.Request(url + "?topic=" + urllib.parse.quote(topic, safe=""),
                                     data=json.dumps(data).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as e:
        raise RuntimeError("publishing to %s failed: HTTP %d %s" % (topic, e.code, e.read()[:300].decode("utf-8", "replace"))) from None
