/**
 * The tracked-link form (new link or edit). Server-rendered, so it posts and shows the
 * server's field messages without JavaScript; hydrated, it fills in the network, sub-ID
 * parameter, merchant and a free slug as soon as a destination is pasted.
 */
import { useState } from 'react';
import { NETWORKS } from '../site/content-schemas.ts';
import { detectMerchant, suggestSlug } from './merchant.ts';

export interface LinkFormProps {
  action: string;
  /** Null when editing: the slug of an existing link cannot change (it is its address). */
  taken: string[] | null;
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  /** Slugs this link may fall back to, and whether it has a product page. */
  fallbacks: string[];
  hasProduct: boolean;
  submitLabel: string;
}

function Field(props: { name: string; label: string; error?: string; hint?: string; children: (aria: Record<string, string | boolean | undefined>) => React.ReactNode }) {
  const described = [props.hint && `${props.name}-hint`, props.error && `${props.name}-error`].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={props.name}>{props.label}</label>
      {props.children({ id: props.name, name: props.name, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described || undefined })}
      {props.hint && <p className="hint" id={`${props.name}-hint`}>{props.hint}</p>}
      {props.error && <p className="error" id={`${props.name}-error`}>{props.error}</p>}
    </div>
  );
}

export default function LinkForm({ action, taken, values, errors, fallbacks, hasProduct, submitLabel }: LinkFormProps) {
  // What the creator typed (or the saved link had) is never replaced by a guess.
  const [v, setV] = useState<Record<string, string>>({ ...values, merchantTouched: values.merchant ? '1' : '', subIdParamTouched: values.subIdParam ? '1' : '' });
  const [slugTouched, setSlugTouched] = useState(Boolean(values.slug));
  const set = (name: string, value: string) => setV((old) => ({ ...old, [name]: value }));
  const onUrl = (url: string) => {
    const detected = detectMerchant(url);
    setV((old) => {
      const next: Record<string, string> = { ...old, url };
      if (!detected) return next;
      next.network = detected.network;
      next.subIdParam = old.subIdParamTouched ? old.subIdParam ?? '' : '';
      if (!old.merchantTouched && detected.merchant) next.merchant = detected.merchant;
      if (taken && !slugTouched) next.slug = suggestSlug(url, new Set(taken));
      return next;
    });
  };
  const detected = detectMerchant(v.url ?? '');
  return (
    <form method="post" action={action} noValidate>
      <input type="hidden" name="version" value={v.version ?? '0'} />
      {errors.form && <p className="error" role="alert">{errors.form}</p>}
      <Field name="url" label="Destination" error={errors.url} hint="The shop page, with your affiliate tag. Only http(s) addresses.">
        {(a) => <input {...a} type="url" inputMode="url" autoComplete="off" required value={v.url ?? ''} onChange={(e) => onUrl(e.target.value)} />}
      </Field>
      {taken && (
        <Field name="slug" label="Short name" error={errors.slug} hint={`Your link: /go/${v.slug || 'short-name'}`}>
          {(a) => <input {...a} required autoCapitalize="none" value={v.slug ?? ''} onChange={(e) => (setSlugTouched(true), set('slug', e.target.value))} />}
        </Field>
      )}
      <Field name="merchant" label="Shop" error={errors.merchant}>
        {(a) => <input {...a} required value={v.merchant ?? ''} onChange={(e) => setV((o) => ({ ...o, merchant: e.target.value, merchantTouched: '1' }))} />}
      </Field>
      <Field name="network" label="Affiliate network" error={errors.network} hint={detected && detected.subIdParam ? `Click ids go into "${detected.subIdParam}".` : undefined}>
        {(a) => (
          <select {...a} value={v.network ?? 'other'} onChange={(e) => set('network', e.target.value)}>
            {NETWORKS.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        )}
      </Field>
      <details open={Boolean(errors.subIdParam || errors.endsAt || errors.fallback || v.endsAt || v.subIdParam)}>
        <summary>End date, fallback, sub-ID</summary>
        <Field name="endsAt" label="Ends (UTC, optional)" error={errors.endsAt} hint="From then on followers go to the fallback.">
          {(a) => <input {...a} type="datetime-local" value={v.endsAt ?? ''} onChange={(e) => set('endsAt', e.target.value)} />}
        </Field>
        <Field name="fallback" label="When ended or paused, send followers to" error={errors.fallback}>
          {(a) => (
            <select {...a} value={v.fallback ?? (hasProduct ? 'product' : 'home')} onChange={(e) => set('fallback', e.target.value)}>
              {hasProduct && <option value="product">the product page</option>}
              <option value="home">the home page</option>
              {fallbacks.map((s) => <option key={s} value={s}>/go/{s}</option>)}
            </select>
          )}
        </Field>
        <Field name="subIdParam" label="Sub-ID parameter (optional)" error={errors.subIdParam} hint='Leave empty for the network&apos;s own, or e.g. "subid" or "subid=perch-{clickId}".'>
          {(a) => <input {...a} autoCapitalize="none" value={v.subIdParam ?? ''} onChange={(e) => setV((o) => ({ ...o, subIdParam: e.target.value, subIdParamTouched: '1' }))} />}
        </Field>
      </details>
      <label className="check"><input type="checkbox" name="paused" checked={v.paused === 'on'} onChange={(e) => set('paused', e.target.checked ? 'on' : '')} /> Paused (followers go to the fallback)</label>
      <p><button type="submit">{submitLabel}</button></p>
    </form>
  );
}
