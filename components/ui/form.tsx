import type { FormHTMLAttributes } from 'react';

/**
 * A form that sends data: it always posts. Before hydration (or without JavaScript) the browser
 * submits a form by its own method, and a GET would put every field, SIP passwords and PINs
 * included, into the URL, the history, proxy logs and Referer headers. Validation is the schema's
 * (noValidate), so the browser's own bubbles never disagree with the field messages.
 * Search forms are the one exception: they are plain GET forms (components/portal/search-box.tsx).
 */
export function Form(props: Omit<FormHTMLAttributes<HTMLFormElement>, 'method'>) {
  return <form noValidate {...props} method="post" />;
}
