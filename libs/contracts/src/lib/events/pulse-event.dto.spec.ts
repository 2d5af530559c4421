import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { PulseEventDto } from './pulse-event.dto';

describe('PulseEventDto used the way a NestJS ValidationPipe uses it', () => {
  const body = {
    type: 'purchase',
    timestamp: '2025-03-01T12:00:00Z',
    userId: 'user-1',
    properties: { order_id: 'ord-1', revenue: '59.98', currency: 'EUR' },
  };

  it('validates the properties of the registered type through the nested class', async () => {
    const errors = await validate(plainToInstance(PulseEventDto, body));
    const properties = errors.find((error) => error.property === 'properties');
    expect(properties?.children?.map((child) => child.property)).toEqual([
      'revenue',
    ]);
  });

  it('leaves an unregistered type free-form', async () => {
    const custom = {
      ...body,
      type: 'newsletter_signup',
      properties: { anything: ['goes'] },
    };
    expect(await validate(plainToInstance(PulseEventDto, custom))).toEqual([]);
  });
});
