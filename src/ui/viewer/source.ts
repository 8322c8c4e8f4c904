// What the viewer's `?src=` names, read before anything is fetched: the URL, the file name the
// import messages show, or why it cannot be opened. `?src=` comes from a link someone else wrote:
// a name that is no valid percent-encoding must still give a message, and a page opened from disk
// must not take every file: URL as its own origin.

export type ViewerSource = { ok: true; url: URL; fileName: string } | { ok: false; fileName: string; message: string };

/** The last path segment, percent-decoded where it can be (`%E0` alone is no UTF-8: shown as written). */
function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').pop() || url.pathname;
  try {
    return decodeURIComponent(last) || 'the file';
  } catch {
    return last;
  }
}

/** `src` read against the page at `page` (its `location`). */
export function viewerSource(src: string, page: { href: string; origin: string }): ViewerSource {
  let url: URL;
  try {
    url = new URL(src, page.href);
  } catch {
    return { ok: false, fileName: src, message: '?src= is not a URL.' };
  }
  const fileName = fileNameOf(url);
  // An opaque origin (a page opened from disk, a file: or data: URL) serializes as "null" and is
  // the same origin as nothing, not even another "null": comparing the strings would let a
  // file: page fetch any file: URL it is given.
  if (page.origin === 'null') {
    return { ok: false, fileName, message: "?src= needs the page to be served over http or https; opened from disk, open the file with Open… or drop it here." };
  }
  if (url.origin !== page.origin) {
    // A page that fetched any URL it is given would read other sites' files for whoever links it.
    return { ok: false, fileName, message: `?src= must name a file on this page's own origin (${page.origin}), not ${url.origin}.` };
  }
  return { ok: true, url, fileName };
}
