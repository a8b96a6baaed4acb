"""What every app's views share, written once:

- `params`: whole numbers from the query string (`?year=`, `?edit=`), a 400 naming the field;
- `scoping`: the committee a page works on (`?committee=`) and the switch between them;
- `errors`: a service's refusal shown on the form, or as messages on a record page;
- `redirects`: post, redirect, get, with the success message;
- `pagination`: one page of a list for `core/_pagination.html`;
- `downloads`: a file for the browser, named in Chinese too.

A record's history reaches its page through `zhengxie.core.history.history_context` and
`core/_history.html`.
"""
