// The registry offers every visualisation id, and the page shell escapes what it is given.
import { describe, expect, it } from 'vitest';
import { VISUALISATION_IDS } from '../../src/content/visualisationIds';
import { renderVisualisationHtml } from '../../src/webviews/visualise/visualisationHtml';
import {
  isVisualisationAvailable,
  visualisationInfo,
  VISUALISATIONS,
} from '../../src/webviews/visualise/visualisationRegistry';

describe('visualisation registry', () => {
  it('has a title and description for every id content may name, and nothing else', () => {
    expect(VISUALISATIONS.map((v) => v.id).sort()).toEqual([...VISUALISATION_IDS].sort());
    for (const id of VISUALISATION_IDS) expect(isVisualisationAvailable(id)).toBe(true);
    expect(isVisualisationAvailable('no-such-thing')).toBe(false);
  });

  it('renders the page shell with the ids as data attributes, escaped', () => {
    const html = renderVisualisationHtml(visualisationInfo('dropout')!, { id: 'dropout', title: 'Dropout <b>&</b>' });
    expect(html).toContain('data-visualisation-id="dropout" data-concept-id="dropout"');
    expect(html).toContain('Explain Dropout &#60;b&#62;&#38;&#60;/b&#62;');
    expect(html).toContain('<div class="stage"></div>');
    expect(renderVisualisationHtml(visualisationInfo('convolution')!, undefined)).not.toContain(
      'data-action="explain"',
    );
  });
});
