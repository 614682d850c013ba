import { ConfigError, loadConfig, WECHAT_REAL_API_BASE } from '../src/config';

describe('configuration', () => {
  it('uses the contract defaults outside production', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      mongodbUri: undefined,
      seedDemo: true,
      bootstrapAdminOpenids: [],
      rateLimitPerIpPerMinute: 1200,
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.wechatApiBase).toBe('http://127.0.0.1:3100');
  });

  it('in production seeds nothing by default and talks to the real WeChat API', () => {
    const c = loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/jk?replicaSet=rs0' });
    expect(c.seedDemo).toBe(false);
    expect(c.wechatApiBase).toBe(WECHAT_REAL_API_BASE);
  });

  it('reads the admin openids as a list', () => {
    expect(loadConfig({ BOOTSTRAP_ADMIN_OPENIDS: ' dev_a, dev_b ,,' }).bootstrapAdminOpenids).toEqual(['dev_a', 'dev_b']);
  });

  it('fails fast with a message naming every bad variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', SEED_DEMO: 'yes' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT/);
    expect(msg).toMatch(/MONGODB_URI: must start with mongodb:\/\//);
    expect(msg).toMatch(/SEED_DEMO/);
  });
});
