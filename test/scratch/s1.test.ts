import { it } from 'vitest';
import { z } from 'zod';
it('x', () => {
  const s = z.array(z.object({ shared: z.boolean().optional() })).max(2);
  console.log(JSON.stringify(s.safeParse([{}, {}, { shared: 'x' }]).error?.issues));
  console.log(JSON.stringify(s.safeParse([{}, { shared: 'x' }]).error?.issues));
});
