//! The Wix operations the flows call, each named once: [`Operation::call`] sends one request
//! of the generated client in its client span and decodes the answer, so no flow writes an
//! operation id, opens a span or picks a decoder itself.

use std::future::Future;

use crate::Error;
use crate::decode::{GeneratedAnswer, from_generated};
use serde::de::DeserializeOwned;
use tracing::Instrument;

/// One operation of the spec (`spec/wix-headless-auth.yaml`) that the flows call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    RegisterV2,
    LoginV2,
    SignOn,
    ChangePassword,
    VerifyDuringAuthentication,
    StartVerification,
    SendRecoveryEmail,
    Recover,
    CreateRedirectSession,
    CreateAccessToken,
    TokenInfo,
    /// Read by the flows' own GET (its redirect is read, never followed), not the generated
    /// client; see [`crate::WixAuth::read_authorize`].
    Authorize,
}

impl Operation {
    /// The spec's `operationId`: what errors name as their `operation` and traces record as
    /// `wix.operation`.
    pub(crate) const fn id(self) -> &'static str {
        match self {
            Self::RegisterV2 => "registerV2",
            Self::LoginV2 => "loginV2",
            Self::SignOn => "signOn",
            Self::ChangePassword => "changePassword",
            Self::VerifyDuringAuthentication => "verifyDuringAuthentication",
            Self::StartVerification => "startVerification",
            Self::SendRecoveryEmail => "sendRecoveryEmail",
            Self::Recover => "recover",
            Self::CreateRedirectSession => "createRedirectSession",
            Self::CreateAccessToken => "createAccessToken",
            Self::TokenInfo => "tokenInfo",
            Self::Authorize => "authorize",
        }
    }

    /// Sends `request` (a generated client call) in this operation's client span and turns
    /// its answer into the flow's: the body, or the typed error its status and code call
    /// for. Reading an error answer's body is part of the request, so it is in the span.
    pub(crate) async fn call<T: DeserializeOwned>(
        self,
        request: impl Future<Output = GeneratedAnswer<T>>,
    ) -> Result<T, Error> {
        async move { from_generated(self.id(), request.await).await }
            .instrument(crate::telemetry::http_span(self.id()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::Operation;

    const ALL: [Operation; 12] = [
        Operation::RegisterV2,
        Operation::LoginV2,
        Operation::SignOn,
        Operation::ChangePassword,
        Operation::VerifyDuringAuthentication,
        Operation::StartVerification,
        Operation::SendRecoveryEmail,
        Operation::Recover,
        Operation::CreateRedirectSession,
        Operation::CreateAccessToken,
        Operation::TokenInfo,
        Operation::Authorize,
    ];

    #[test]
    fn every_operation_is_named_as_the_spec_names_it() {
        let spec = include_str!("../../spec/wix-headless-auth.yaml");
        for operation in ALL {
            let line = format!("operationId: {}\n", operation.id());
            assert!(
                spec.contains(&line),
                "{operation:?} names `{}`, which is no operationId of the spec",
                operation.id()
            );
        }
    }
}
