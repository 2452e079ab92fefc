/** How large a CSV the portal takes, checked in the browser before the upload and on the server. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const TOO_LARGE_MESSAGE = 'The file is larger than 20 MiB. Split it into smaller files and import them one after another.';
