/** An upload's answer: its status and JSON body (null when the body was not JSON). */
export type UploadAnswer<T> = { status: number; body: (T & { message?: string }) | null };

/**
 * Sends a file as the raw body of a POST, reporting the upload's progress (0 to 1). XMLHttpRequest,
 * not fetch: fetch cannot tell how much of a request body has been sent.
 */
export function uploadFile<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<UploadAnswer<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', file.type || 'text/csv');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page, say; the status tells the rest
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The upload failed: the connection was lost. Try again.'));
    xhr.send(file);
  });
}
