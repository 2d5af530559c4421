import { useState, type FormEvent } from 'react';
import { ApiClient } from '../api/api-client';
import { ErrorMessage } from '../components/ErrorMessage';

/** Sign in with a tenant's secret key: checked against the API before it is kept for the tab. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (secretKey: string) => void }) {
  const [secretKey, setSecretKey] = useState('');
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = secretKey.trim();
    if (!key) return setError(new Error('Enter the secret key (psk_…).'));
    setChecking(true);
    setError(undefined);
    try {
      await new ApiClient(key).get('/v1/dashboards');
      onSignedIn(key);
    } catch (failure) {
      setError(failure);
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Pulse</h1>
        <p>Sign in with your tenant&apos;s secret key. It is kept in this tab only.</p>
        <label htmlFor="secret-key">Secret key</label>
        <input
          id="secret-key"
          name="secretKey"
          type="password"
          autoComplete="off"
          placeholder="psk_…"
          value={secretKey}
          onChange={(event) => setSecretKey(event.target.value)}
          autoFocus
        />
        <ErrorMessage error={error} />
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
