import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../../test/support/factories.ts';
import { buildTestApp, cookieHeader, cookiesOf, type TestApp } from '../../../test/support/test-app.ts';
import { mediaTypeOf } from './csrf.ts';

// The anonymous forms of the outside test: each was processed without a token when the content
// type was written in capitals.
const anonymousForms: { url: string; form: Record<string, string> }[] = [
  { url: '/login', form: { email: 'x@example.org', password: 'Wrong-Password-123' } },
  { url: '/api/v1/auth/login', form: { email: 'x@example.org', password: 'Wrong-Password-123' } },
  { url: '/password/forgot', form: { email: 'x@example.org' } },
  {
    url: '/recovery/new',
    form: { accountType: 'individual', firstName: 'A', lastName: 'B', newEmail: 'n@example.org' },
  },
  { url: '/staff/login', form: { email: 'x@example.org', password: 'Wrong-Password-123', totp: '123456' } },
];
const spellings = [
  'application/x-www-form-urlencoded',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'Application/X-Www-Form-Urlencoded; charset=UTF-8',
];

describe('mediaTypeOf', () => {
  it('reads the media type case-insensitively, without parameters', () => {
    assert.equal(mediaTypeOf('APPLICATION/X-WWW-FORM-URLENCODED'), 'application/x-www-form-urlencoded');
    assert.equal(mediaTypeOf('Multipart/Form-Data; boundary=x'), 'multipart/form-data');
    assert.equal(mediaTypeOf('not a media type'), '');
    assert.equal(mediaTypeOf(undefined), '');
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`CSRF on anonymous forms [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    for (const { url, form } of anonymousForms) {
      it(`refuses POST ${url} without a token, whatever the content type's case`, async () => {
        for (const contentType of spellings) {
          const response = await t.app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': contentType },
            payload: new URLSearchParams(form).toString(),
          });
          assert.equal(response.statusCode, 403, `${contentType}: ${response.body.slice(0, 100)}`);
        }
      });
    }

    it('refuses a text/plain body (a cross-site "simple request") without a token', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: '{"email":"x@example.org","password":"y"}',
      });
      assert.equal(response.statusCode, 403);
    });

    it('accepts the sign-in form with the token of its page, in capitals too', async () => {
      const { account } = await createTestAccount(t.deps);
      const page = await t.app.inject({ method: 'GET', url: '/login' });
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(token);
      const response = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: {
          'content-type': 'APPLICATION/X-WWW-FORM-URLENCODED',
          cookie: cookieHeader(cookiesOf(page)),
        },
        payload: new URLSearchParams({
          email: account.email,
          password: STRONG_PASSWORD,
          _csrf: token,
        }).toString(),
      });
      assert.equal(response.statusCode, 303);
    });

    it('still takes an anonymous JSON sign-in without a token (API.md: no cookie, no CSRF)', async () => {
      const { account } = await createTestAccount(t.deps);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.email, password: STRONG_PASSWORD },
      });
      assert.equal(response.statusCode, 200);
    });
  });
}
