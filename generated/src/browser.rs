//! The answers of the browser-facing operations, Logout and Authorize: an HTML page or a
//! redirect, never JSON.
//!
//! progenitor treats only 2xx as success, so a `302` arrives as
//! `Error::UnexpectedResponse`. [`BrowserResponse::from_result`] folds both into one value
//! that keeps the status, the headers and the body.

use std::fmt;

use bytes::Bytes;
use futures_util::TryStreamExt;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};

use crate::{ByteStream, Error, ResponseValue};

/// A page or a redirect from a browser-facing operation.
pub struct BrowserResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl BrowserResponse {
    /// Reads a Logout or Authorize result: a 2xx page or a 3xx redirect becomes `Ok`; any
    /// other error is returned unchanged.
    pub async fn from_result(
        result: Result<ResponseValue<ByteStream>, Error<ByteStream>>,
    ) -> Result<Self, Error<ByteStream>> {
        match result {
            Ok(page) => {
                let status = page.status();
                let headers = page.headers().clone();
                let body = page
                    .into_inner_stream()
                    .try_fold(Vec::new(), |mut acc, chunk| async move {
                        acc.extend_from_slice(&chunk);
                        Ok(acc)
                    })
                    .await
                    .map_err(Error::ResponseBodyError)?;
                Ok(Self {
                    status,
                    headers,
                    body: body.into(),
                })
            }
            Err(Error::UnexpectedResponse(response)) if response.status().is_redirection() => {
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await.map_err(Error::ResponseBodyError)?;
                Ok(Self {
                    status,
                    headers,
                    body,
                })
            }
            Err(other) => Err(other),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Whether the answer is a redirect.
    pub fn is_redirect(&self) -> bool {
        self.status.is_redirection()
    }

    /// The `Location` of a redirect. For Authorize it carries the code and the state:
    /// treat it as a secret.
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION)?.to_str().ok()
    }

    /// The response headers (they may set session cookies).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, usually HTML.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// Shows the status, the header names and the body length, never values: the `Location`
/// and `Set-Cookie` headers carry codes and session cookies.
impl fmt::Debug for BrowserResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BrowserResponse")
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}
