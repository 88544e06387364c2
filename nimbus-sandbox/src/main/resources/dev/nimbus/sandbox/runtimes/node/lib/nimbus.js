'use strict';
// Nimbus helpers for Node.js functions: `require('nimbus').publish(topic, data)` sends an event to
// the Nimbus event bus as a CloudEvent (binary mode) from this function; subscriptions of the
// topic deliver it to their functions.
const { randomUUID } = require('node:crypto');

async function publish(topic, data, { type = 'nimbus.event', subject, source } = {}) {
  const url = process.env.NIMBUS_EVENTS_URL;
  if (!url) {
    throw new Error('NIMBUS_EVENTS_URL is not set: nimbus.publish works inside a Nimbus instance');
  }
  const headers = {
    'Content-Type': 'application/json',
    'ce-specversion': '1.0',
    'ce-id': randomUUID(),
    'ce-source': source ?? `/nimbus/functions/${process.env.AWS_LAMBDA_FUNCTION_NAME ?? ''}`,
    'ce-type': type,
    Authorization: `Bearer ${process.env.NIMBUS_EVENTS_TOKEN ?? ''}`,
  };
  if (subject) {
    headers['ce-subject'] = subject;
  }
  const response = await fetch(`${url}?topic=${encodeURIComponent(topic)}`, {
    method: 'POST', headers, body: JSON.stringify(data), signal: AbortSignal.timeout(10000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`publishing to ${topic} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return JSON.parse(text);
}

module.exports = { publish };
