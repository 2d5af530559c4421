#!/usr/bin/env node
// Answers "is the broker up?" for kafka.sh and CI: one kafkajs admin round trip
// (describeCluster + listTopics) against KAFKA_BROKERS (default 127.0.0.1:9092).
// Exit code 0 and a one-line description when it answers, 1 otherwise.
'use strict';

const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092')
  .split(',')
  .map((broker) => broker.trim())
  .filter(Boolean);
const timeoutMs = Number(process.env.KAFKA_WAIT_TIMEOUT_MS || 5000);

async function main() {
  const kafka = new Kafka({
    clientId: 'pulse-wait-for-kafka',
    brokers,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    // One quick attempt: kafka.sh does the retrying, and a hung call must not outlive the timeout.
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const deadline = new Promise((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    const cluster = await Promise.race([
      (async () => {
        await admin.connect();
        const description = await admin.describeCluster();
        const topics = await admin.listTopics();
        return { ...description, topicCount: topics.length };
      })(),
      deadline,
    ]);
    const nodes = cluster.brokers
      .map((broker) => `${broker.nodeId}@${broker.host}:${broker.port}`)
      .join(',');
    console.log(
      `kafka answers at ${brokers.join(',')}: cluster id ${cluster.clusterId}, brokers ${nodes}, ` +
        `controller ${cluster.controller}, ${cluster.topicCount} topic(s)`,
    );
    return 0;
  } catch (error) {
    console.error(
      `kafka does not answer at ${brokers.join(',')}: ${error && error.message ? error.message : error}`,
    );
    return 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then((code) => process.exit(code));
