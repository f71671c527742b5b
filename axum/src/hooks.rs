//! What the app learns when a login is established: [`EstablishedLogin`], handed to the
//! hook of [`crate::WixAuthWebBuilder::on_login`] once per login.

use std::future::Future;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};
use wix_auth_flows::tokens::MemberIdentity;

/// How a login was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LoginMethod {
    /// The custom login form (`POST …/login`).
    Password,
    /// The registration form (`POST …/register`): a new member.
    Registration,
    /// Wix's hosted login page (`GET …/login`).
    WixManaged,
    /// A social identity provider (`GET …/login?idp=…`).
    Social,
}

/// A login that has just been established: the session belongs to this member from now on.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EstablishedLogin {
    /// The member (id, and the login email where Wix gave it).
    pub member: MemberIdentity,
    /// How the member logged in.
    pub method: LoginMethod,
    /// Where the browser goes next.
    pub return_to: String,
}

/// The app's login hook.
pub(crate) type LoginHook = Arc<dyn Fn(EstablishedLogin) -> BoxFuture<'static, ()> + Send + Sync>;

/// Boxes an app's async function as the login hook.
pub(crate) fn login_hook<F, Fut>(hook: F) -> LoginHook
where
    F: Fn(EstablishedLogin) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    Arc::new(move |login| Box::pin(hook(login)))
}
