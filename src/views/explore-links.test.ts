import { describe, expect, it } from 'vitest';
import type { Finding } from '../contracts/figures-schema.ts';
import { findingExploreLink } from './explore-links.ts';
import { readSelection } from './Explore/selection-url.ts';

const finding = (f: Partial<Finding>): Finding => ({
  id: 'x',
  kind: 'decline',
  title: 'x',
  effect: -1,
  test: { name: 'nps-z' },
  tier: 'change',
  reach: { population: null, revenue: null },
  impact: 0,
  significantButIndicative: false,
  related: [],
  drillDown: null,
  ...f,
});

describe('findingExploreLink', () => {
  it('links a group finding to its period’s Explore page with the group selected', () => {
    const link = findingExploreLink(
      finding({
        id: 'decline:nps:customer_group=Public sector',
        segment: { dimension: 'customer_group', level: 'Public sector' },
      }),
      '2026-Q3',
    )!.href;
    expect(link).toBe('/explore/2026-Q3/?customer_group=Public+sector');
    const space = {
      periods: ['2026-Q3'],
      dimensions: [{ id: 'customer_group', levels: ['SMB', 'Public sector'] }],
      from: '2026-Q3',
      to: '2026-Q3',
    };
    expect(readSelection(link.slice(link.indexOf('?')), space).selection.levels).toEqual({
      customer_group: ['Public sector'],
    });
  });

  it('links the late-delivery finding to the customers with a late delivery', () => {
    expect(
      findingExploreLink(
        finding({ id: 'operational:late-delivery', kind: 'operational' }),
        '2026-Q3',
      ),
    ).toEqual({
      href: '/explore/2026-Q3/?late-delivery=Had+a+late+delivery',
      text: 'Explore “Had a late delivery”',
    });
  });

  it('gives no link for a finding about everyone', () => {
    expect(findingExploreLink(finding({ id: 'decline:csat' }), '2026-Q3')).toBeNull();
  });
});
