import { ConfigError, loadConfig, WECHAT_REAL_API_BASE } from '../src/config';
import { PRODUCTION_ENV } from './setup/harness';

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

  const production = { ...PRODUCTION_ENV };

  it('in production seeds nothing by default, talks to the real WeChat API and runs no stand-in', () => {
    const c = loadConfig(production);
    expect(c.seedDemo).toBe(false);
    expect(c.wechatApiBase).toBe(WECHAT_REAL_API_BASE);
    expect(c.startWechatStandin).toBe(false);
    expect(c.dataKeys.encryption[0]!.id).toBe('k1');
  });

  it('refuses to start in production without real WeChat credentials and keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: production.MONGODB_URI })).toThrow(
      /WECHAT_APPID: required in production[\s\S]*WECHAT_SECRET[\s\S]*AUTH_TOKEN_SECRET[\s\S]*DATA_ENCRYPTION_KEYS[\s\S]*DATA_HASH_KEY[\s\S]*TICKET_SIGNING_KEYS/,
    );
    expect(() => loadConfig({ ...production, DATA_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(
      /DATA_ENCRYPTION_KEYS: each key must be 32 bytes/,
    );
  });

  it('runs the local WeChat stand-in in development unless WeChat is configured', () => {
    expect(loadConfig({}).startWechatStandin).toBe(true);
    expect(loadConfig({ WECHAT_API_BASE: 'http://127.0.0.1:9999' }).startWechatStandin).toBe(false);
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

  it('in production allows no CORS origin by default and refuses `*` at startup', () => {
    expect(loadConfig(production).corsOrigins).toEqual([]);
    expect(loadConfig({ ...production, CORS_ORIGINS: 'https://h5.example.gov.cn,' }).corsOrigins).toEqual(['https://h5.example.gov.cn']);
    expect(() => loadConfig({ ...production, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: `\*` is not allowed in production/);
    expect(() => loadConfig({ ...production, CORS_ORIGINS: 'https://h5.example.gov.cn,*' })).toThrow(ConfigError);
    expect(loadConfig({}).corsOrigins).toBe('*');
  });

  it('trusts no proxy by default and accepts 0 to 10 proxies', () => {
    expect(loadConfig({}).trustedProxies).toBe(0);
    expect(loadConfig({ TRUSTED_PROXIES: '2' }).trustedProxies).toBe(2);
    for (const bad of ['-1', '11', '1.5', 'yes']) expect(() => loadConfig({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
  });
});
