// The first-run wizard can load the demo floor: its people show in Chinese, and the demo
// users can log in with the demo PIN.
import { expect } from '@wdio/globals';
import { $tid, byTid, click, completeSetup, number, openPeople, restartApp, screenshot, selectOption, typeInto, waitForText } from '../helpers.mjs';

describe('demo floor from the first-run wizard', () => {
  it('loads 36 agents in three teams and shows them in Chinese', async () => {
    await completeSetup({ site: '演示现场', supervisor: '值班主管', pin: '2580', demo: true });
    await waitForText('people-count', number(36));
    await expect(await $tid('agent-row-1001')).toHaveText(expect.stringContaining('王静'));
    await expect(await $tid('agent-row-1001')).toHaveText(expect.stringContaining('售前一组'));
    await screenshot('demo-people.png');
  });

  it('lets a demo team lead log in with PIN 1234', async () => {
    await restartApp();
    await byTid('login-user', { timeout: 60000 });
    await selectOption('login-user', '王静 · 班长');
    await typeInto('login-pin', '1234');
    await click('login-submit');
    // A team lead lands on the live board; People is a click away.
    await byTid('board-page', { timeout: 30000 });
    await openPeople();
    await waitForText('people-count', number(36));
    // A team lead sees people but may not administer users or settings.
    await expect(await $tid('nav-users')).not.toBeExisting();
    await expect(await $tid('nav-settings')).not.toBeExisting();
  });
});
