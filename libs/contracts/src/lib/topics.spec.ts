import { INBOUND_EVENT_TOPICS, TOPICS } from './topics';

describe('topics', () => {
  it('versions every topic name so a breaking change gets a new topic', () => {
    for (const name of Object.values(TOPICS)) expect(name).toMatch(/\.v\d+$/);
  });

  it('consumes the raw topic and the domain topics, never the dead-letter topic', () => {
    expect(INBOUND_EVENT_TOPICS).toContain(TOPICS.rawEvents);
    expect(INBOUND_EVENT_TOPICS).toContain(TOPICS.conversationEvents);
    expect(INBOUND_EVENT_TOPICS).not.toContain(TOPICS.deadLetter);
  });
});
