// @generated from spec/wix-headless-auth.yaml by `cargo xtask codegen`. Do not edit: change the spec and regenerate.
#![allow(missing_docs, clippy::all, unreachable_patterns)]

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt, encode_path};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Whether the token is active; a boolean, or `"true"` / `"false"` as in the docs example.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum Active {
        Boolean(bool),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for Active {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Boolean(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<bool> for Active {
        fn from(value: bool) -> Self {
            Self::Boolean(value)
        }
    }
    ///A physical address.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Address {
        ///Main address line.
        #[serde(
            rename = "addressLine",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub address_line: ::std::option::Option<::std::string::String>,
        ///Second address line.
        #[serde(
            rename = "addressLine2",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub address_line2: ::std::option::Option<::std::string::String>,
        ///City.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub city: ::std::option::Option<::std::string::String>,
        ///Country code (ISO-3166 alpha-2).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub country: ::std::option::Option<::std::string::String>,
        ///Postal code.
        #[serde(
            rename = "postalCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub postal_code: ::std::option::Option<::std::string::String>,
        ///Street name.
        #[serde(
            rename = "streetName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub street_name: ::std::option::Option<::std::string::String>,
        ///Street number.
        #[serde(
            rename = "streetNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub street_number: ::std::option::Option<::std::string::String>,
        ///Subdivision code (ISO-3166-2).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub subdivision: ::std::option::Option<::std::string::String>,
    }
    ///The kind of an address.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum AddressTag {
        #[serde(rename = "UNTAGGED")]
        Untagged,
        #[serde(rename = "HOME")]
        Home,
        #[serde(rename = "WORK")]
        Work,
        #[serde(rename = "BILLING")]
        Billing,
        #[serde(rename = "SHIPPING")]
        Shipping,
    }
    impl ::std::fmt::Display for AddressTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Untagged => f.write_str("UNTAGGED"),
                Self::Home => f.write_str("HOME"),
                Self::Work => f.write_str("WORK"),
                Self::Billing => f.write_str("BILLING"),
                Self::Shipping => f.write_str("SHIPPING"),
            }
        }
    }
    impl ::std::str::FromStr for AddressTag {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNTAGGED" => Ok(Self::Untagged),
                "HOME" => Ok(Self::Home),
                "WORK" => Ok(Self::Work),
                "BILLING" => Ok(Self::Billing),
                "SHIPPING" => Ok(Self::Shipping),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for AddressTag {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AddressTag {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A tagged physical address.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct AddressWrapper {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<Address>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tag: ::std::option::Option<OpenAddressTag>,
    }
    ///The `anonymous` grant, for visitor tokens.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct AnonymousTokenRequest {
        ///The OAuth app (client) ID.
        #[serde(rename = "clientId")]
        pub client_id: ::std::string::String,
        ///Always `anonymous`.
        #[serde(rename = "grantType")]
        pub grant_type: AnonymousTokenRequestGrantType,
    }
    ///Always `anonymous`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum AnonymousTokenRequestGrantType {
        #[serde(rename = "anonymous")]
        Anonymous,
    }
    impl ::std::fmt::Display for AnonymousTokenRequestGrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Anonymous => f.write_str("anonymous"),
            }
        }
    }
    impl ::std::str::FromStr for AnonymousTokenRequestGrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "anonymous" => Ok(Self::Anonymous),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for AnonymousTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AnonymousTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A business-logic rejection.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct ApplicationError {
        ///The error code, for IAM often a legacy numeric string such as `-19976`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        ///Extra data about the error.
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub data: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ///What went wrong.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
    }
    ///A connection to a Wix authenticator (password).
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct AuthenticatorConnection {
        ///The authenticator connection ID.
        #[serde(
            rename = "authenticatorConnectionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub authenticator_connection_id: ::std::option::Option<::std::string::String>,
        ///The member must enrol again.
        #[serde(
            rename = "reEnrollmentRequired",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub re_enrollment_required: ::std::option::Option<bool>,
    }
    ///The `authorization_code` grant, for member tokens.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct AuthorizationCodeTokenRequest {
        ///The OAuth app (client) ID.
        #[serde(rename = "clientId")]
        pub client_id: ::std::string::String,
        ///The authorization code from Authorize.
        pub code: crate::Secret,
        ///The PKCE code verifier whose challenge was sent to Authorize.
        #[serde(rename = "codeVerifier")]
        pub code_verifier: crate::Secret,
        ///Always `authorization_code`.
        #[serde(rename = "grantType")]
        pub grant_type: AuthorizationCodeTokenRequestGrantType,
        ///The redirect URI given to Authorize.
        #[serde(
            rename = "redirectUri",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub redirect_uri: ::std::option::Option<::std::string::String>,
    }
    ///Always `authorization_code`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum AuthorizationCodeTokenRequestGrantType {
        #[serde(rename = "authorization_code")]
        AuthorizationCode,
    }
    impl ::std::fmt::Display for AuthorizationCodeTokenRequestGrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::AuthorizationCode => f.write_str("authorization_code"),
            }
        }
    }
    impl ::std::str::FromStr for AuthorizationCodeTokenRequestGrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "authorization_code" => Ok(Self::AuthorizationCode),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for AuthorizationCodeTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AuthorizationCodeTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///An OAuth 2 authorization request with PKCE.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct AuthorizeRequest {
        ///The OAuth app (client) ID, a GUID.
        #[serde(
            rename = "clientId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub client_id: ::std::option::Option<::std::string::String>,
        ///The PKCE code challenge, BASE64URL(SHA-256(code verifier)).
        #[serde(
            rename = "codeChallenge",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub code_challenge: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "codeChallengeMethod",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub code_challenge_method: ::std::option::Option<CodeChallengeMethod>,
        ///An identity-provider connection id, to log in through a social provider (`@wix/sdk` maps `google` to `0e6a50f5-b523-4e29-990d-f37fa2ffdd69` and `facebook` to `3ecad13f-52c3-483d-911f-31dbcf2a6d23`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub idp: ::std::option::Option<::std::string::String>,
        ///OpenID Connect nonce.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub nonce: ::std::option::Option<AuthorizeRequestNonce>,
        ///OpenID Connect prompt; only `none` is honoured here.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub prompt: ::std::option::Option<::std::string::String>,
        ///Must exactly match an allowed authorization redirect URI of the OAuth app. Required for `responseMode` `query` and `fragment`; `web_message` sends none.
        #[serde(
            rename = "redirectUri",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub redirect_uri: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "responseMode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub response_mode: ::std::option::Option<ResponseMode>,
        ///Always `code`.
        #[serde(
            rename = "responseType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub response_type: ::std::option::Option<::std::string::String>,
        ///`offline_access` to also get a refresh token; empty for an access token only.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub scope: ::std::option::Option<::std::string::String>,
        ///A session token from Login, Register, Verify or Sign On, for silent authorization.
        #[serde(
            rename = "sessionToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub session_token: ::std::option::Option<crate::Secret>,
        ///The CSRF state, echoed back with the code.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub state: ::std::option::Option<crate::Secret>,
    }
    ///OpenID Connect nonce.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct AuthorizeRequestNonce(::std::string::String);
    impl ::std::ops::Deref for AuthorizeRequestNonce {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<AuthorizeRequestNonce> for ::std::string::String {
        fn from(value: AuthorizeRequestNonce) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for AuthorizeRequestNonce {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 512usize {
                return Err("longer than 512 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for AuthorizeRequestNonce {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AuthorizeRequestNonce {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for AuthorizeRequestNonce {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /// The `authorized_client` grant: member tokens for a member id, issued to a server
    /// that holds an API key (snake_case, as `@wix/sdk` sends it). Sent with
    /// `Authorization: <visitor access token>,<API key>`.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct AuthorizedClientTokenRequest {
        ///Always `authorized_client`.
        pub grant_type: AuthorizedClientTokenRequestGrantType,
        ///The member (identity) ID, a GUID.
        pub member_id: ::std::string::String,
        ///`offline_access` to also get a refresh token.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub scope: ::std::option::Option<::std::string::String>,
        ///The session token of a Sign On for this member.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub session_token: ::std::option::Option<crate::Secret>,
    }
    ///Always `authorized_client`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum AuthorizedClientTokenRequestGrantType {
        #[serde(rename = "authorized_client")]
        AuthorizedClient,
    }
    impl ::std::fmt::Display for AuthorizedClientTokenRequestGrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::AuthorizedClient => f.write_str("authorized_client"),
            }
        }
    }
    impl ::std::str::FromStr for AuthorizedClientTokenRequestGrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "authorized_client" => Ok(Self::AuthorizedClient),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for AuthorizedClientTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AuthorizedClientTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Where Wix sends the browser after the flow. Do not use `postFlowUrl` for `auth`; use `authRequest.redirectUri`.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CallbackParams {
        ///The bookings service list page.
        #[serde(
            rename = "bookingsServiceListUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub bookings_service_list_url: ::std::option::Option<CallbackParamsBookingsServiceListUrl>,
        ///The cart page.
        #[serde(
            rename = "cartPageUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cart_page_url: ::std::option::Option<CallbackParamsCartPageUrl>,
        ///The app's own login page.
        #[serde(
            rename = "loginUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub login_url: ::std::option::Option<CallbackParamsLoginUrl>,
        ///The pricing plans list page.
        #[serde(
            rename = "planListUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub plan_list_url: ::std::option::Option<CallbackParamsPlanListUrl>,
        ///Where to return after the flow completes, is abandoned or is interrupted.
        #[serde(
            rename = "postFlowUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub post_flow_url: ::std::option::Option<CallbackParamsPostFlowUrl>,
        ///The thank-you page after a checkout.
        #[serde(
            rename = "thankYouPageUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub thank_you_page_url: ::std::option::Option<CallbackParamsThankYouPageUrl>,
    }
    ///The bookings service list page.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsBookingsServiceListUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsBookingsServiceListUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsBookingsServiceListUrl> for ::std::string::String {
        fn from(value: CallbackParamsBookingsServiceListUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsBookingsServiceListUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsBookingsServiceListUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsBookingsServiceListUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsBookingsServiceListUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The cart page.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsCartPageUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsCartPageUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsCartPageUrl> for ::std::string::String {
        fn from(value: CallbackParamsCartPageUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsCartPageUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsCartPageUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsCartPageUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsCartPageUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The app's own login page.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsLoginUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsLoginUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsLoginUrl> for ::std::string::String {
        fn from(value: CallbackParamsLoginUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsLoginUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsLoginUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsLoginUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsLoginUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The pricing plans list page.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsPlanListUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsPlanListUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsPlanListUrl> for ::std::string::String {
        fn from(value: CallbackParamsPlanListUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsPlanListUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsPlanListUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsPlanListUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsPlanListUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Where to return after the flow completes, is abandoned or is interrupted.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsPostFlowUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsPostFlowUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsPostFlowUrl> for ::std::string::String {
        fn from(value: CallbackParamsPostFlowUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsPostFlowUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsPostFlowUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsPostFlowUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsPostFlowUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The thank-you page after a checkout.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CallbackParamsThankYouPageUrl(::std::string::String);
    impl ::std::ops::Deref for CallbackParamsThankYouPageUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CallbackParamsThankYouPageUrl> for ::std::string::String {
        fn from(value: CallbackParamsThankYouPageUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CallbackParamsThankYouPageUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 2048usize {
                return Err("longer than 2048 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CallbackParamsThankYouPageUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CallbackParamsThankYouPageUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CallbackParamsThankYouPageUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /// One CAPTCHA token; set exactly one property. Keys are PascalCase on the wire. Use
    /// Wix's site keys with the enterprise reCAPTCHA script.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CaptchaToken {
        ///An invisible reCAPTCHA token.
        #[serde(
            rename = "InvisibleRecaptcha",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub invisible_recaptcha: ::std::option::Option<CaptchaTokenInvisibleRecaptcha>,
        ///A "no CAPTCHA" token.
        #[serde(
            rename = "NoCaptcha",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub no_captcha: ::std::option::Option<CaptchaTokenNoCaptcha>,
        ///A visible reCAPTCHA token.
        #[serde(
            rename = "Recaptcha",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub recaptcha: ::std::option::Option<CaptchaTokenRecaptcha>,
        #[serde(
            rename = "recaptchaForClientSiteKey",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub recaptcha_for_client_site_key: ::std::option::Option<RecaptchaForClientSiteKey>,
    }
    ///An invisible reCAPTCHA token.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CaptchaTokenInvisibleRecaptcha(::std::string::String);
    impl ::std::ops::Deref for CaptchaTokenInvisibleRecaptcha {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CaptchaTokenInvisibleRecaptcha> for ::std::string::String {
        fn from(value: CaptchaTokenInvisibleRecaptcha) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CaptchaTokenInvisibleRecaptcha {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 5000usize {
                return Err("longer than 5000 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CaptchaTokenInvisibleRecaptcha {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CaptchaTokenInvisibleRecaptcha {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CaptchaTokenInvisibleRecaptcha {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A "no CAPTCHA" token.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CaptchaTokenNoCaptcha(::std::string::String);
    impl ::std::ops::Deref for CaptchaTokenNoCaptcha {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CaptchaTokenNoCaptcha> for ::std::string::String {
        fn from(value: CaptchaTokenNoCaptcha) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CaptchaTokenNoCaptcha {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 5000usize {
                return Err("longer than 5000 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CaptchaTokenNoCaptcha {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CaptchaTokenNoCaptcha {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CaptchaTokenNoCaptcha {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A visible reCAPTCHA token.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct CaptchaTokenRecaptcha(::std::string::String);
    impl ::std::ops::Deref for CaptchaTokenRecaptcha {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CaptchaTokenRecaptcha> for ::std::string::String {
        fn from(value: CaptchaTokenRecaptcha) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CaptchaTokenRecaptcha {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 5000usize {
                return Err("longer than 5000 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CaptchaTokenRecaptcha {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CaptchaTokenRecaptcha {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CaptchaTokenRecaptcha {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A new password for the logged-in member.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct ChangePasswordRequest {
        ///The new password; the site's password policy applies.
        #[serde(rename = "newPassword")]
        pub new_password: crate::Secret,
    }
    ///The `client_credentials` grant, for an app token (snake_case, as in the admin docs).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct ClientCredentialsTokenRequest {
        ///The OAuth app (client) ID.
        pub client_id: ::std::string::String,
        ///The OAuth app's secret.
        pub client_secret: crate::Secret,
        ///Always `client_credentials`.
        pub grant_type: ClientCredentialsTokenRequestGrantType,
        ///The app instance ID (Wix apps only).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub instance_id: ::std::option::Option<::std::string::String>,
    }
    ///Always `client_credentials`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum ClientCredentialsTokenRequestGrantType {
        #[serde(rename = "client_credentials")]
        ClientCredentials,
    }
    impl ::std::fmt::Display for ClientCredentialsTokenRequestGrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::ClientCredentials => f.write_str("client_credentials"),
            }
        }
    }
    impl ::std::str::FromStr for ClientCredentialsTokenRequestGrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "client_credentials" => Ok(Self::ClientCredentials),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ClientCredentialsTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ClientCredentialsTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The PKCE transform. The docs also mention `S512`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum CodeChallengeMethod {
        S256,
        S512,
    }
    impl ::std::fmt::Display for CodeChallengeMethod {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::S256 => f.write_str("S256"),
                Self::S512 => f.write_str("S512"),
            }
        }
    }
    impl ::std::str::FromStr for CodeChallengeMethod {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "S256" => Ok(Self::S256),
                "S512" => Ok(Self::S512),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CodeChallengeMethod {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CodeChallengeMethod {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A connection; exactly one property is set.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Connection {
        #[serde(
            rename = "authenticatorConnection",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub authenticator_connection: ::std::option::Option<AuthenticatorConnection>,
        #[serde(
            rename = "idpConnection",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub idp_connection: ::std::option::Option<IdpConnection>,
    }
    /// What the redirect session is for. Set exactly one intent (`auth`, `login` or
    /// `logout`); they are optional properties because the wire is a protobuf oneof.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CreateRedirectSessionRequest {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub auth: ::std::option::Option<RedirectSessionAuthParams>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub callbacks: ::std::option::Option<CallbackParams>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub login: ::std::option::Option<RedirectSessionLoginParams>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub logout: ::std::option::Option<RedirectSessionLogoutParams>,
        ///The origin of the calling page.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub origin: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub preferences: ::std::option::Option<RedirectSessionPreferences>,
    }
    ///The created redirect session.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CreateRedirectSessionResponse {
        #[serde(
            rename = "redirectSession",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub redirect_session: ::std::option::Option<RedirectSession>,
    }
    ///A custom profile field.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CustomField {
        ///The extended-field key, without the `custom.` prefix.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub value: ::std::option::Option<CustomFieldValue>,
    }
    ///A custom field's value; exactly one property is set.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CustomFieldValue {
        ///A boolean value.
        #[serde(
            rename = "boolValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub bool_value: ::std::option::Option<bool>,
        ///A date-time value (RFC 3339).
        #[serde(
            rename = "dateValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_value: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "listValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub list_value: ::std::option::Option<ListValue>,
        #[serde(
            rename = "mapValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub map_value: ::std::option::Option<MapValue>,
        ///A number value.
        #[serde(
            rename = "numValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub num_value: ::std::option::Option<f64>,
        ///A string value.
        #[serde(
            rename = "strValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub str_value: ::std::option::Option<::std::string::String>,
    }
    ///Custom profile fields, in either form Wix accepts: the array `@wix/sdk` sends and every answer carries (extended-field keys without the `custom.` prefix, each with a typed value), or the object the REST docs' Profile table gives (field name → value).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum CustomFields {
        Array(::std::vec::Vec<CustomField>),
        Object(::serde_json::Map<::std::string::String, ::serde_json::Value>),
    }
    impl ::std::convert::From<::std::vec::Vec<CustomField>> for CustomFields {
        fn from(value: ::std::vec::Vec<CustomField>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
        for CustomFields
    {
        fn from(value: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
            Self::Object(value)
        }
    }
    ///A typed value; exactly one property is set.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct CustomValue {
        ///A date-time value (RFC 3339).
        #[serde(
            rename = "dateValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_value: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "listValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub list_value: ::std::option::Option<ListValue>,
        #[serde(
            rename = "mapValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub map_value: ::std::option::Option<MapValue>,
        ///A number value.
        #[serde(
            rename = "numValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub num_value: ::std::option::Option<f64>,
        ///A string value.
        #[serde(
            rename = "strValue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub str_value: ::std::option::Option<::std::string::String>,
    }
    ///The identity's login email.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Email {
        ///The email address.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<::std::string::String>,
        ///The address was verified.
        #[serde(
            rename = "isVerified",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is_verified: ::std::option::Option<bool>,
    }
    ///Why an email address is not usable.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum EmailFailureReason {
        #[serde(rename = "UNKNOWN_REASON")]
        UnknownReason,
        #[serde(rename = "EMAIL_ADDRESS_BOUNCED")]
        EmailAddressBounced,
        #[serde(rename = "EMAIL_DOMAIN_MISSING_DNS_RECORDS")]
        EmailDomainMissingDnsRecords,
        #[serde(rename = "EMAIL_DOMAIN_FORMAT_INVALID")]
        EmailDomainFormatInvalid,
        #[serde(rename = "EMAIL_DOMAIN_PERMANENTLY_BLACKLISTED")]
        EmailDomainPermanentlyBlacklisted,
    }
    impl ::std::fmt::Display for EmailFailureReason {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::UnknownReason => f.write_str("UNKNOWN_REASON"),
                Self::EmailAddressBounced => f.write_str("EMAIL_ADDRESS_BOUNCED"),
                Self::EmailDomainMissingDnsRecords => {
                    f.write_str("EMAIL_DOMAIN_MISSING_DNS_RECORDS")
                }
                Self::EmailDomainFormatInvalid => f.write_str("EMAIL_DOMAIN_FORMAT_INVALID"),
                Self::EmailDomainPermanentlyBlacklisted => {
                    f.write_str("EMAIL_DOMAIN_PERMANENTLY_BLACKLISTED")
                }
            }
        }
    }
    impl ::std::str::FromStr for EmailFailureReason {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNKNOWN_REASON" => Ok(Self::UnknownReason),
                "EMAIL_ADDRESS_BOUNCED" => Ok(Self::EmailAddressBounced),
                "EMAIL_DOMAIN_MISSING_DNS_RECORDS" => Ok(Self::EmailDomainMissingDnsRecords),
                "EMAIL_DOMAIN_FORMAT_INVALID" => Ok(Self::EmailDomainFormatInvalid),
                "EMAIL_DOMAIN_PERMANENTLY_BLACKLISTED" => {
                    Ok(Self::EmailDomainPermanentlyBlacklisted)
                }
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for EmailFailureReason {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for EmailFailureReason {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The kind of a secondary email address.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum EmailTag {
        #[serde(rename = "UNTAGGED")]
        Untagged,
        #[serde(rename = "MAIN")]
        Main,
        #[serde(rename = "HOME")]
        Home,
        #[serde(rename = "WORK")]
        Work,
    }
    impl ::std::fmt::Display for EmailTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Untagged => f.write_str("UNTAGGED"),
                Self::Main => f.write_str("MAIN"),
                Self::Home => f.write_str("HOME"),
                Self::Work => f.write_str("WORK"),
            }
        }
    }
    impl ::std::str::FromStr for EmailTag {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNTAGGED" => Ok(Self::Untagged),
                "MAIN" => Ok(Self::Main),
                "HOME" => Ok(Self::Home),
                "WORK" => Ok(Self::Work),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for EmailTag {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for EmailTag {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///An empty JSON object.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(transparent)]
    pub struct EmptyResponse(pub ::serde_json::Map<::std::string::String, ::serde_json::Value>);
    impl ::std::ops::Deref for EmptyResponse {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(&self) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<EmptyResponse>
        for ::serde_json::Map<::std::string::String, ::serde_json::Value>
    {
        fn from(value: EmptyResponse) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
        for EmptyResponse
    {
        fn from(value: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
            Self(value)
        }
    }
    ///Seconds until the access token expires (14,400); a number, or an int64 sent as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum ExpiresIn {
        Int64(i64),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for ExpiresIn {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Int64(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<i64> for ExpiresIn {
        fn from(value: i64) -> Self {
            Self::Int64(value)
        }
    }
    ///An authentication factor.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Factor {
        ///The factor's ID.
        #[serde(
            rename = "factorId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub factor_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<OpenFactorStatus>,
        #[serde(
            rename = "type",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub type_: ::std::option::Option<OpenFactorType>,
    }
    ///The state of an authentication factor.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum FactorStatus {
        #[serde(rename = "INACTIVE")]
        Inactive,
        #[serde(rename = "ACTIVE")]
        Active,
        #[serde(rename = "REQUIRE_REENROLL")]
        RequireReenroll,
    }
    impl ::std::fmt::Display for FactorStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Inactive => f.write_str("INACTIVE"),
                Self::Active => f.write_str("ACTIVE"),
                Self::RequireReenroll => f.write_str("REQUIRE_REENROLL"),
            }
        }
    }
    impl ::std::str::FromStr for FactorStatus {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "INACTIVE" => Ok(Self::Inactive),
                "ACTIVE" => Ok(Self::Active),
                "REQUIRE_REENROLL" => Ok(Self::RequireReenroll),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for FactorStatus {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for FactorStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The kind of an authentication factor.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum FactorType {
        #[serde(rename = "PASSWORD")]
        Password,
        #[serde(rename = "SMS")]
        Sms,
        #[serde(rename = "CALL")]
        Call,
        #[serde(rename = "EMAIL")]
        Email,
        #[serde(rename = "TOTP")]
        Totp,
        #[serde(rename = "PUSH")]
        Push,
        #[serde(rename = "WEBAUTHN")]
        Webauthn,
        #[serde(rename = "RECOVERY_CODE")]
        RecoveryCode,
    }
    impl ::std::fmt::Display for FactorType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Password => f.write_str("PASSWORD"),
                Self::Sms => f.write_str("SMS"),
                Self::Call => f.write_str("CALL"),
                Self::Email => f.write_str("EMAIL"),
                Self::Totp => f.write_str("TOTP"),
                Self::Push => f.write_str("PUSH"),
                Self::Webauthn => f.write_str("WEBAUTHN"),
                Self::RecoveryCode => f.write_str("RECOVERY_CODE"),
            }
        }
    }
    impl ::std::str::FromStr for FactorType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "PASSWORD" => Ok(Self::Password),
                "SMS" => Ok(Self::Sms),
                "CALL" => Ok(Self::Call),
                "EMAIL" => Ok(Self::Email),
                "TOTP" => Ok(Self::Totp),
                "PUSH" => Ok(Self::Push),
                "WEBAUTHN" => Ok(Self::Webauthn),
                "RECOVERY_CODE" => Ok(Self::RecoveryCode),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for FactorType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for FactorType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///One violated input rule.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct FieldViolation {
        ///Extra data, such as `type` (`EMAIL`).
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub data: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ///What is wrong with it.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        ///The offending field's path.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub field: ::std::option::Option<::std::string::String>,
        ///The rule's name (for example `VALUE_TOO_SHORT`).
        #[serde(
            rename = "ruleName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rule_name: ::std::option::Option<::std::string::String>,
        ///The rule's kind (for example `MIN_LENGTH`).
        #[serde(
            rename = "violatedRule",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub violated_rule: ::std::option::Option<::std::string::String>,
    }
    ///The OAuth grants the token endpoint issues for visitors, members and apps.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum GrantType {
        #[serde(rename = "anonymous")]
        Anonymous,
        #[serde(rename = "authorization_code")]
        AuthorizationCode,
        #[serde(rename = "refresh_token")]
        RefreshToken,
        #[serde(rename = "client_credentials")]
        ClientCredentials,
        #[serde(rename = "authorized_client")]
        AuthorizedClient,
    }
    impl ::std::fmt::Display for GrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Anonymous => f.write_str("anonymous"),
                Self::AuthorizationCode => f.write_str("authorization_code"),
                Self::RefreshToken => f.write_str("refresh_token"),
                Self::ClientCredentials => f.write_str("client_credentials"),
                Self::AuthorizedClient => f.write_str("authorized_client"),
            }
        }
    }
    impl ::std::str::FromStr for GrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "anonymous" => Ok(Self::Anonymous),
                "authorization_code" => Ok(Self::AuthorizationCode),
                "refresh_token" => Ok(Self::RefreshToken),
                "client_credentials" => Ok(Self::ClientCredentials),
                "authorized_client" => Ok(Self::AuthorizedClient),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for GrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///One login identifier.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Identifier {
        ///An email address.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
    }
    ///A member's identity.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Identity {
        ///The identity's connections to identity providers and authenticators.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub connections: ::std::vec::Vec<Connection>,
        ///When the identity was created (RFC 3339).
        #[serde(
            rename = "createdDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created_date: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<Email>,
        ///Authentication factors (at most 10, read-only).
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub factors: ::std::vec::Vec<Factor>,
        ///The identity (member) ID, a GUID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///The identifiers the member can log in with.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub identifiers: ::std::vec::Vec<Identifier>,
        #[serde(
            rename = "identityProfile",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub identity_profile: ::std::option::Option<IdentityProfile>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<IdentityMetadata>,
        ///Revision number, an int64 sent as a string; it grows with every update.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub revision: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<IdentityStatus>,
        ///When the identity was last updated (RFC 3339).
        #[serde(
            rename = "updatedDate",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub updated_date: ::std::option::Option<::std::string::String>,
    }
    ///Identity metadata.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct IdentityMetadata {
        ///System tags.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub tags: ::std::vec::Vec<::std::string::String>,
    }
    ///A member's profile; every field is optional.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct IdentityProfile {
        ///Physical addresses.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub addresses: ::std::vec::Vec<AddressWrapper>,
        ///Birth date, `YYYY-MM-DD`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub birthdate: ::std::option::Option<::std::string::String>,
        ///Company name (at most 1000 characters).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub company: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "customFields",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub custom_fields: ::std::option::Option<CustomFields>,
        ///Deprecated; use `secondaryEmails`.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub emails: ::std::vec::Vec<::std::string::String>,
        ///First name.
        #[serde(
            rename = "firstName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub first_name: ::std::option::Option<::std::string::String>,
        ///Labels.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub labels: ::std::vec::Vec<::std::string::String>,
        ///Language.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub language: ::std::option::Option<::std::string::String>,
        ///Last name.
        #[serde(
            rename = "lastName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_name: ::std::option::Option<::std::string::String>,
        ///Nickname.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub nickname: ::std::option::Option<::std::string::String>,
        ///Deprecated; use `phonesV2`.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub phones: ::std::vec::Vec<::std::string::String>,
        ///Phone numbers.
        #[serde(
            rename = "phonesV2",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub phones_v2: ::std::vec::Vec<Phone>,
        ///Picture URL.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub picture: ::std::option::Option<::std::string::String>,
        ///Position (at most 1000 characters).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub position: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "privacyStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub privacy_status: ::std::option::Option<OpenPrivacyStatus>,
        ///Secondary email addresses.
        #[serde(
            rename = "secondaryEmails",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub secondary_emails: ::std::vec::Vec<SecondaryEmail>,
        ///The member's profile URL slug (at most 255 characters).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub slug: ::std::option::Option<::std::string::String>,
        ///Subscribed to marketing emails.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub subscription: ::std::option::Option<bool>,
        ///VAT ID (at most 1000 characters).
        #[serde(
            rename = "vatId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vat_id: ::std::option::Option<::std::string::String>,
    }
    ///The identity's status and why.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct IdentityStatus {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<OpenStatusName>,
        ///Why the identity is in this status.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub reasons: ::std::vec::Vec<OpenStatusReason>,
    }
    ///A connection to an external identity provider.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct IdpConnection {
        ///The IdP connection ID.
        #[serde(
            rename = "idpConnectionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub idp_connection_id: ::std::option::Option<::std::string::String>,
        ///The user's ID at the IdP.
        #[serde(
            rename = "idpUserId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub idp_user_id: ::std::option::Option<::std::string::String>,
    }
    ///A list of typed values.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct ListValue {
        ///The values.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub value: ::std::vec::Vec<CustomValue>,
    }
    ///How the member identifies; only email is supported.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct LoginId {
        ///The member's email address.
        pub email: ::std::string::String,
    }
    /// Where an authentication flow stands. `SUCCESS`: done, with a session token.
    /// `REQUIRE_OWNER_APPROVAL`: the site owner must approve the member.
    /// `REQUIRE_EMAIL_VERIFICATION`: verify the email code with the state token.
    /// `STATUS_CHECK`: the member's status does not prevent login. `REQUIRE_MISSING_FIELDS`:
    /// required signup-form fields are missing. `REQUIRE_MFA`, `MFA_CHALLENGE`,
    /// `REQUIRE_FIRST_FACTOR` (the published runtime enum): a second factor or another
    /// first factor is needed, which Wix offers no public operation for; none of them
    /// carries a session token.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum LoginState {
        #[serde(rename = "UNKNOWN_STATE")]
        UnknownState,
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "REQUIRE_OWNER_APPROVAL")]
        RequireOwnerApproval,
        #[serde(rename = "REQUIRE_EMAIL_VERIFICATION")]
        RequireEmailVerification,
        #[serde(rename = "STATUS_CHECK")]
        StatusCheck,
        #[serde(rename = "REQUIRE_MISSING_FIELDS")]
        RequireMissingFields,
        #[serde(rename = "REQUIRE_MFA")]
        RequireMfa,
        #[serde(rename = "MFA_CHALLENGE")]
        MfaChallenge,
        #[serde(rename = "REQUIRE_FIRST_FACTOR")]
        RequireFirstFactor,
    }
    impl ::std::fmt::Display for LoginState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::UnknownState => f.write_str("UNKNOWN_STATE"),
                Self::Success => f.write_str("SUCCESS"),
                Self::RequireOwnerApproval => f.write_str("REQUIRE_OWNER_APPROVAL"),
                Self::RequireEmailVerification => f.write_str("REQUIRE_EMAIL_VERIFICATION"),
                Self::StatusCheck => f.write_str("STATUS_CHECK"),
                Self::RequireMissingFields => f.write_str("REQUIRE_MISSING_FIELDS"),
                Self::RequireMfa => f.write_str("REQUIRE_MFA"),
                Self::MfaChallenge => f.write_str("MFA_CHALLENGE"),
                Self::RequireFirstFactor => f.write_str("REQUIRE_FIRST_FACTOR"),
            }
        }
    }
    impl ::std::str::FromStr for LoginState {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNKNOWN_STATE" => Ok(Self::UnknownState),
                "SUCCESS" => Ok(Self::Success),
                "REQUIRE_OWNER_APPROVAL" => Ok(Self::RequireOwnerApproval),
                "REQUIRE_EMAIL_VERIFICATION" => Ok(Self::RequireEmailVerification),
                "STATUS_CHECK" => Ok(Self::StatusCheck),
                "REQUIRE_MISSING_FIELDS" => Ok(Self::RequireMissingFields),
                "REQUIRE_MFA" => Ok(Self::RequireMfa),
                "MFA_CHALLENGE" => Ok(Self::MfaChallenge),
                "REQUIRE_FIRST_FACTOR" => Ok(Self::RequireFirstFactor),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LoginState {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for LoginState {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A login with email and password.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct LoginV2Request {
        ///CAPTCHA tokens, when the site requires CAPTCHA.
        #[serde(
            rename = "captchaTokens",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub captcha_tokens: ::std::vec::Vec<CaptchaToken>,
        ///Additional data for the flow.
        #[serde(
            rename = "clientMetaData",
            default,
            skip_serializing_if = "::serde_json::Map::is_empty"
        )]
        pub client_meta_data: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(rename = "loginId")]
        pub login_id: LoginId,
        ///The member's password.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        ///Continues an in-progress login flow instead of starting a new one (at most 1000 characters).
        #[serde(
            rename = "stateToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub state_token: ::std::option::Option<crate::Secret>,
    }
    ///A map of typed values.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct MapValue {
        ///The values by key.
        #[serde(
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub value: ::std::collections::HashMap<::std::string::String, CustomValue>,
    }
    ///An RFC 6749 §5.2 error.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct OAuthError {
        ///The error code (`invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`).
        pub error: ::std::string::String,
        ///A human-readable explanation.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_description: ::std::option::Option<::std::string::String>,
        ///A page about the error.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_uri: ::std::option::Option<::std::string::String>,
    }
    ///An `AddressTag`, or a tag added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenAddressTag {
        AddressTag(AddressTag),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenAddressTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::AddressTag(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<AddressTag> for OpenAddressTag {
        fn from(value: AddressTag) -> Self {
            Self::AddressTag(value)
        }
    }
    ///An `EmailFailureReason`, or a value added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenEmailFailureReason {
        EmailFailureReason(EmailFailureReason),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenEmailFailureReason {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::EmailFailureReason(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<EmailFailureReason> for OpenEmailFailureReason {
        fn from(value: EmailFailureReason) -> Self {
            Self::EmailFailureReason(value)
        }
    }
    ///An `EmailTag`, or a tag added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenEmailTag {
        EmailTag(EmailTag),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenEmailTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::EmailTag(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<EmailTag> for OpenEmailTag {
        fn from(value: EmailTag) -> Self {
            Self::EmailTag(value)
        }
    }
    ///A `FactorStatus`, or a state added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenFactorStatus {
        FactorStatus(FactorStatus),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenFactorStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::FactorStatus(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<FactorStatus> for OpenFactorStatus {
        fn from(value: FactorStatus) -> Self {
            Self::FactorStatus(value)
        }
    }
    ///A `FactorType`, or a kind added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenFactorType {
        FactorType(FactorType),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenFactorType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::FactorType(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<FactorType> for OpenFactorType {
        fn from(value: FactorType) -> Self {
            Self::FactorType(value)
        }
    }
    ///A `LoginState`, or a state added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenLoginState {
        LoginState(LoginState),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenLoginState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::LoginState(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<LoginState> for OpenLoginState {
        fn from(value: LoginState) -> Self {
            Self::LoginState(value)
        }
    }
    ///A `PhoneTag`, or a tag added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenPhoneTag {
        PhoneTag(PhoneTag),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenPhoneTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::PhoneTag(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<PhoneTag> for OpenPhoneTag {
        fn from(value: PhoneTag) -> Self {
            Self::PhoneTag(value)
        }
    }
    ///A `PrivacyStatus`, or a value added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenPrivacyStatus {
        PrivacyStatus(PrivacyStatus),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenPrivacyStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::PrivacyStatus(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<PrivacyStatus> for OpenPrivacyStatus {
        fn from(value: PrivacyStatus) -> Self {
            Self::PrivacyStatus(value)
        }
    }
    ///A `StatusName`, or a status added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenStatusName {
        StatusName(StatusName),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenStatusName {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::StatusName(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<StatusName> for OpenStatusName {
        fn from(value: StatusName) -> Self {
            Self::StatusName(value)
        }
    }
    ///A `StatusReason`, or a reason added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenStatusReason {
        StatusReason(StatusReason),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenStatusReason {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::StatusReason(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<StatusReason> for OpenStatusReason {
        fn from(value: StatusReason) -> Self {
            Self::StatusReason(value)
        }
    }
    ///A `SubjectType`, or a kind added later, kept as a string.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum OpenSubjectType {
        SubjectType(SubjectType),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for OpenSubjectType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::SubjectType(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<SubjectType> for OpenSubjectType {
        fn from(value: SubjectType) -> Self {
            Self::SubjectType(value)
        }
    }
    ///A phone number.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Phone {
        ///Country code.
        #[serde(
            rename = "countryCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub country_code: ::std::option::Option<::std::string::String>,
        ///The number.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub phone: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tag: ::std::option::Option<OpenPhoneTag>,
    }
    ///The kind of a phone number.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum PhoneTag {
        #[serde(rename = "UNTAGGED")]
        Untagged,
        #[serde(rename = "MAIN")]
        Main,
        #[serde(rename = "HOME")]
        Home,
        #[serde(rename = "MOBILE")]
        Mobile,
        #[serde(rename = "WORK")]
        Work,
        #[serde(rename = "FAX")]
        Fax,
    }
    impl ::std::fmt::Display for PhoneTag {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Untagged => f.write_str("UNTAGGED"),
                Self::Main => f.write_str("MAIN"),
                Self::Home => f.write_str("HOME"),
                Self::Mobile => f.write_str("MOBILE"),
                Self::Work => f.write_str("WORK"),
                Self::Fax => f.write_str("FAX"),
            }
        }
    }
    impl ::std::str::FromStr for PhoneTag {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNTAGGED" => Ok(Self::Untagged),
                "MAIN" => Ok(Self::Main),
                "HOME" => Ok(Self::Home),
                "MOBILE" => Ok(Self::Mobile),
                "WORK" => Ok(Self::Work),
                "FAX" => Ok(Self::Fax),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PhoneTag {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PhoneTag {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Whether the member's profile is public.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum PrivacyStatus {
        #[serde(rename = "UNDEFINED")]
        Undefined,
        #[serde(rename = "PUBLIC")]
        Public,
        #[serde(rename = "PRIVATE")]
        Private,
    }
    impl ::std::fmt::Display for PrivacyStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Undefined => f.write_str("UNDEFINED"),
                Self::Public => f.write_str("PUBLIC"),
                Self::Private => f.write_str("PRIVATE"),
            }
        }
    }
    impl ::std::str::FromStr for PrivacyStatus {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNDEFINED" => Ok(Self::Undefined),
                "PUBLIC" => Ok(Self::Public),
                "PRIVATE" => Ok(Self::Private),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PrivacyStatus {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PrivacyStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`login` shows the Wix login page; `none` authorizes silently with a session token.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum Prompt {
        #[serde(rename = "login")]
        Login,
        #[serde(rename = "none")]
        None,
    }
    impl ::std::fmt::Display for Prompt {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Login => f.write_str("login"),
                Self::None => f.write_str("none"),
            }
        }
    }
    impl ::std::str::FromStr for Prompt {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "login" => Ok(Self::Login),
                "none" => Ok(Self::None),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for Prompt {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for Prompt {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A reCAPTCHA token made with the client's own site key.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct RecaptchaForClientSiteKey {
        ///The ID of the site key that made the token (GUID).
        #[serde(
            rename = "siteKeyId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub site_key_id: ::std::option::Option<::std::string::String>,
        ///The reCAPTCHA token.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub token: ::std::option::Option<::std::string::String>,
    }
    ///A recovery token and the new password.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RecoverRequest {
        ///The new password.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        ///The token from the recovery email (single use).
        #[serde(rename = "recoveryToken")]
        pub recovery_token: crate::Secret,
    }
    ///Where to send the member after the password is reset.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct Redirect {
        ///The OAuth app (client) ID, a GUID.
        #[serde(
            rename = "clientId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub client_id: ::std::option::Option<::std::string::String>,
        ///An allowed authorization redirect URI of the OAuth app.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub url: ::std::option::Option<RedirectUrl>,
    }
    ///A URL to a Wix-hosted page.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct RedirectSession {
        ///The URL to send the browser to (for `auth`, the authorize endpoint with every parameter); at most 2048 characters.
        #[serde(
            rename = "fullUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub full_url: ::std::option::Option<::std::string::String>,
        ///The redirect session ID, a GUID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///A session token, when one was issued.
        #[serde(
            rename = "sessionToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub session_token: ::std::option::Option<crate::Secret>,
        ///A short form of `fullUrl`, when requested (at most 2048 characters).
        #[serde(
            rename = "shortUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub short_url: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "urlDetails",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub url_details: ::std::option::Option<UrlDetails>,
    }
    ///The `auth` intent, an authorization request with PKCE.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RedirectSessionAuthParams {
        #[serde(rename = "authRequest")]
        pub auth_request: AuthorizeRequest,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub prompt: ::std::option::Option<Prompt>,
    }
    ///The `login` intent, the Wix login page without first checking whether the visitor is logged in. Empty.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(transparent)]
    pub struct RedirectSessionLoginParams(
        pub ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    );
    impl ::std::ops::Deref for RedirectSessionLoginParams {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(&self) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<RedirectSessionLoginParams>
        for ::serde_json::Map<::std::string::String, ::serde_json::Value>
    {
        fn from(value: RedirectSessionLoginParams) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::serde_json::Map<::std::string::String, ::serde_json::Value>>
        for RedirectSessionLoginParams
    {
        fn from(value: ::serde_json::Map<::std::string::String, ::serde_json::Value>) -> Self {
            Self(value)
        }
    }
    ///The `logout` intent.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RedirectSessionLogoutParams {
        ///The OAuth app (client) ID, a GUID.
        #[serde(rename = "clientId")]
        pub client_id: ::std::string::String,
    }
    ///How the Wix-hosted pages behave.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RedirectSessionPreferences {
        ///Query parameters to add to the URL (for example UTM parameters and `lang`).
        #[serde(
            rename = "additionalQueryParameters",
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub additional_query_parameters:
            ::std::collections::HashMap<::std::string::String, ::std::string::String>,
        ///Fail when the site is not published.
        #[serde(rename = "checkIfPublish", default)]
        pub check_if_publish: bool,
        ///Keep the visitor's identity on the Wix pages (irrelevant for `auth` and `logout`).
        #[serde(
            rename = "maintainIdentity",
            default = "defaults::default_bool::<true>"
        )]
        pub maintain_identity: bool,
        ///Use Wix's generic pages rather than the site's.
        #[serde(
            rename = "useGenericWixPages",
            default = "defaults::default_bool::<true>"
        )]
        pub use_generic_wix_pages: bool,
    }
    impl ::std::default::Default for RedirectSessionPreferences {
        fn default() -> Self {
            Self {
                additional_query_parameters: Default::default(),
                check_if_publish: Default::default(),
                maintain_identity: defaults::default_bool::<true>(),
                use_generic_wix_pages: defaults::default_bool::<true>(),
            }
        }
    }
    ///An allowed authorization redirect URI of the OAuth app.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct RedirectUrl(::std::string::String);
    impl ::std::ops::Deref for RedirectUrl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<RedirectUrl> for ::std::string::String {
        fn from(value: RedirectUrl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for RedirectUrl {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 1000usize {
                return Err("longer than 1000 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for RedirectUrl {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for RedirectUrl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for RedirectUrl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The `refresh_token` grant, to renew visitor or member tokens.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RefreshTokenRequest {
        ///The OAuth app (client) ID.
        #[serde(rename = "clientId")]
        pub client_id: ::std::string::String,
        ///Always `refresh_token`.
        #[serde(rename = "grantType")]
        pub grant_type: RefreshTokenRequestGrantType,
        ///The refresh token.
        #[serde(rename = "refreshToken")]
        pub refresh_token: crate::Secret,
    }
    ///Always `refresh_token`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum RefreshTokenRequestGrantType {
        #[serde(rename = "refresh_token")]
        RefreshToken,
    }
    impl ::std::fmt::Display for RefreshTokenRequestGrantType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::RefreshToken => f.write_str("refresh_token"),
            }
        }
    }
    impl ::std::str::FromStr for RefreshTokenRequestGrantType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "refresh_token" => Ok(Self::RefreshToken),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for RefreshTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for RefreshTokenRequestGrantType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A registration with email and password.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct RegisterV2Request {
        ///CAPTCHA tokens, when the site requires CAPTCHA.
        #[serde(
            rename = "captchaTokens",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub captcha_tokens: ::std::vec::Vec<CaptchaToken>,
        ///Additional data for the flow.
        #[serde(
            rename = "clientMetaData",
            default,
            skip_serializing_if = "::serde_json::Map::is_empty"
        )]
        pub client_meta_data: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(rename = "loginId")]
        pub login_id: LoginId,
        ///The new member's password.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub profile: ::std::option::Option<IdentityProfile>,
    }
    ///How the authorization result comes back.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum ResponseMode {
        #[serde(rename = "query")]
        Query,
        #[serde(rename = "fragment")]
        Fragment,
        #[serde(rename = "web_message")]
        WebMessage,
    }
    impl ::std::fmt::Display for ResponseMode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Query => f.write_str("query"),
                Self::Fragment => f.write_str("fragment"),
                Self::WebMessage => f.write_str("web_message"),
            }
        }
    }
    impl ::std::str::FromStr for ResponseMode {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "query" => Ok(Self::Query),
                "fragment" => Ok(Self::Fragment),
                "web_message" => Ok(Self::WebMessage),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ResponseMode {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ResponseMode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A secondary email address.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct SecondaryEmail {
        ///The address.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tag: ::std::option::Option<OpenEmailTag>,
    }
    ///Whom to send a password-reset email, and where to return afterwards.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct SendRecoveryEmailRequest {
        ///The member's email address.
        pub email: ::std::string::String,
        ///ISO-639-1 language of the email; defaults to the member's profile language.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub language: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub redirect: ::std::option::Option<Redirect>,
    }
    ///A credential-less sign-on for a member email.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct SignOnRequest {
        #[serde(rename = "loginId")]
        pub login_id: LoginId,
        ///Links the member to an existing contact with the same email.
        #[serde(
            rename = "mergeExistingContact",
            default = "defaults::default_bool::<true>"
        )]
        pub merge_existing_contact: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub profile: ::std::option::Option<IdentityProfile>,
        ///Marks the email as verified.
        #[serde(rename = "verifyEmail", default)]
        pub verify_email: bool,
    }
    ///The signed-on member's session.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct SignOnResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub identity: ::std::option::Option<Identity>,
        ///A session token to turn into member tokens through Authorize.
        #[serde(
            rename = "sessionToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub session_token: ::std::option::Option<crate::Secret>,
    }
    ///Which identity to verify, and through what.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct StartVerificationRequest {
        ///The identity (member) ID, a GUID.
        #[serde(rename = "identityId")]
        pub identity_id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub target: ::std::option::Option<VerificationTarget>,
    }
    ///The started verification.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct StartVerificationResponse {
        ///The verification's ID.
        #[serde(
            rename = "verificationId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub verification_id: ::std::option::Option<::std::string::String>,
    }
    ///The state of a register, login, verify or recover flow.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct StateMachineResponse {
        ///Additional data of the flow, keyed by name.
        #[serde(
            rename = "additionalData",
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub additional_data: ::std::collections::HashMap<::std::string::String, CustomValue>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub identity: ::std::option::Option<Identity>,
        ///Set only when `state` is `SUCCESS`; turn it into member tokens through Authorize.
        #[serde(
            rename = "sessionToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub session_token: ::std::option::Option<crate::Secret>,
        pub state: OpenLoginState,
        ///Continues a state other than `SUCCESS` (for example in Verify During Authentication).
        #[serde(
            rename = "stateToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub state_token: ::std::option::Option<crate::Secret>,
    }
    ///An identity's status.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum StatusName {
        #[serde(rename = "UNKNOWN_STATUS")]
        UnknownStatus,
        #[serde(rename = "PENDING")]
        Pending,
        #[serde(rename = "ACTIVE")]
        Active,
        #[serde(rename = "DELETED")]
        Deleted,
        #[serde(rename = "BLOCKED")]
        Blocked,
        #[serde(rename = "OFFLINE")]
        Offline,
    }
    impl ::std::fmt::Display for StatusName {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::UnknownStatus => f.write_str("UNKNOWN_STATUS"),
                Self::Pending => f.write_str("PENDING"),
                Self::Active => f.write_str("ACTIVE"),
                Self::Deleted => f.write_str("DELETED"),
                Self::Blocked => f.write_str("BLOCKED"),
                Self::Offline => f.write_str("OFFLINE"),
            }
        }
    }
    impl ::std::str::FromStr for StatusName {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNKNOWN_STATUS" => Ok(Self::UnknownStatus),
                "PENDING" => Ok(Self::Pending),
                "ACTIVE" => Ok(Self::Active),
                "DELETED" => Ok(Self::Deleted),
                "BLOCKED" => Ok(Self::Blocked),
                "OFFLINE" => Ok(Self::Offline),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for StatusName {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for StatusName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Why an identity is pending.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum StatusReason {
        #[serde(rename = "UNKNOWN_REASON")]
        UnknownReason,
        #[serde(rename = "PENDING_ADMIN_APPROVAL_REQUIRED")]
        PendingAdminApprovalRequired,
        #[serde(rename = "PENDING_EMAIL_VERIFICATION_REQUIRED")]
        PendingEmailVerificationRequired,
        #[serde(rename = "PENDING_REQUIRED_FIELDS_MISSING")]
        PendingRequiredFieldsMissing,
    }
    impl ::std::fmt::Display for StatusReason {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::UnknownReason => f.write_str("UNKNOWN_REASON"),
                Self::PendingAdminApprovalRequired => {
                    f.write_str("PENDING_ADMIN_APPROVAL_REQUIRED")
                }
                Self::PendingEmailVerificationRequired => {
                    f.write_str("PENDING_EMAIL_VERIFICATION_REQUIRED")
                }
                Self::PendingRequiredFieldsMissing => {
                    f.write_str("PENDING_REQUIRED_FIELDS_MISSING")
                }
            }
        }
    }
    impl ::std::str::FromStr for StatusReason {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNKNOWN_REASON" => Ok(Self::UnknownReason),
                "PENDING_ADMIN_APPROVAL_REQUIRED" => Ok(Self::PendingAdminApprovalRequired),
                "PENDING_EMAIL_VERIFICATION_REQUIRED" => Ok(Self::PendingEmailVerificationRequired),
                "PENDING_REQUIRED_FIELDS_MISSING" => Ok(Self::PendingRequiredFieldsMissing),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for StatusReason {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for StatusReason {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Who a token was issued to.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum SubjectType {
        #[serde(rename = "UNKNOWN")]
        Unknown,
        #[serde(rename = "USER")]
        User,
        #[serde(rename = "VISITOR")]
        Visitor,
        #[serde(rename = "MEMBER")]
        Member,
        #[serde(rename = "APP")]
        App,
    }
    impl ::std::fmt::Display for SubjectType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Unknown => f.write_str("UNKNOWN"),
                Self::User => f.write_str("USER"),
                Self::Visitor => f.write_str("VISITOR"),
                Self::Member => f.write_str("MEMBER"),
                Self::App => f.write_str("APP"),
            }
        }
    }
    impl ::std::str::FromStr for SubjectType {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "UNKNOWN" => Ok(Self::Unknown),
                "USER" => Ok(Self::User),
                "VISITOR" => Ok(Self::Visitor),
                "MEMBER" => Ok(Self::Member),
                "APP" => Ok(Self::App),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for SubjectType {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for SubjectType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///What the token endpoint may answer on failure; an empty body is possible too.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum TokenErrorBody {
        OAuthError(OAuthError),
        WixError(WixError),
    }
    impl ::std::convert::From<OAuthError> for TokenErrorBody {
        fn from(value: OAuthError) -> Self {
            Self::OAuthError(value)
        }
    }
    impl ::std::convert::From<WixError> for TokenErrorBody {
        fn from(value: WixError) -> Self {
            Self::WixError(value)
        }
    }
    ///The token to describe.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct TokenInfoRequest {
        ///An access token.
        pub token: crate::Secret,
    }
    /// What a token is. proto3 JSON omits default values, so every field may be absent;
    /// an absent `active` means false.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct TokenInfoResponse {
        ///The Wix account ID, for user tokens.
        #[serde(
            rename = "accountId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub account_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub active: ::std::option::Option<Active>,
        ///The OAuth app (client) ID the token was issued to.
        #[serde(
            rename = "clientId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub client_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub exp: ::std::option::Option<UnixSeconds>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub iat: ::std::option::Option<UnixSeconds>,
        ///The app instance ID, for app tokens.
        #[serde(
            rename = "instanceId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub instance_id: ::std::option::Option<::std::string::String>,
        ///The site ID.
        #[serde(
            rename = "siteId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub site_id: ::std::option::Option<::std::string::String>,
        ///The ID of the visitor, member, user or app.
        #[serde(
            rename = "subjectId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub subject_id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "subjectType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub subject_type: ::std::option::Option<OpenSubjectType>,
        ///The vendor product ID, for app tokens.
        #[serde(
            rename = "vendorProductId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vendor_product_id: ::std::option::Option<::std::string::String>,
    }
    ///A token request for one grant.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum TokenRequest {
        AnonymousTokenRequest(AnonymousTokenRequest),
        AuthorizationCodeTokenRequest(AuthorizationCodeTokenRequest),
        RefreshTokenRequest(RefreshTokenRequest),
        ClientCredentialsTokenRequest(ClientCredentialsTokenRequest),
        AuthorizedClientTokenRequest(AuthorizedClientTokenRequest),
    }
    impl ::std::convert::From<AnonymousTokenRequest> for TokenRequest {
        fn from(value: AnonymousTokenRequest) -> Self {
            Self::AnonymousTokenRequest(value)
        }
    }
    impl ::std::convert::From<AuthorizationCodeTokenRequest> for TokenRequest {
        fn from(value: AuthorizationCodeTokenRequest) -> Self {
            Self::AuthorizationCodeTokenRequest(value)
        }
    }
    impl ::std::convert::From<RefreshTokenRequest> for TokenRequest {
        fn from(value: RefreshTokenRequest) -> Self {
            Self::RefreshTokenRequest(value)
        }
    }
    impl ::std::convert::From<ClientCredentialsTokenRequest> for TokenRequest {
        fn from(value: ClientCredentialsTokenRequest) -> Self {
            Self::ClientCredentialsTokenRequest(value)
        }
    }
    impl ::std::convert::From<AuthorizedClientTokenRequest> for TokenRequest {
        fn from(value: AuthorizedClientTokenRequest) -> Self {
            Self::AuthorizedClientTokenRequest(value)
        }
    }
    ///Issued tokens (snake_case, as RFC 6749 §5.1).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct TokenResponse {
        ///The access token, sent raw in `Authorization`.
        pub access_token: crate::Secret,
        pub expires_in: ExpiresIn,
        ///The refresh token; absent or null for `client_credentials`, and possibly absent on refresh (keep the old one).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub refresh_token: ::std::option::Option<crate::Secret>,
        ///The granted scope.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub scope: ::std::option::Option<::std::string::String>,
        ///Always `Bearer`.
        pub token_type: ::std::string::String,
    }
    ///A Unix time in seconds; an int64 sent as a string, or a number.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    #[serde(untagged)]
    pub enum UnixSeconds {
        Int64(i64),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for UnixSeconds {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Int64(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<i64> for UnixSeconds {
        fn from(value: i64) -> Self {
            Self::Int64(value)
        }
    }
    ///`fullUrl` in parts.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct UrlDetails {
        ///The URL without its query.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub endpoint: ::std::option::Option<::std::string::String>,
        ///The query parameters.
        #[serde(
            rename = "searchParams",
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub search_params:
            ::std::collections::HashMap<::std::string::String, ::std::string::String>,
    }
    ///Why the address is not usable.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct ValidateEmailFailure {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reason: ::std::option::Option<OpenEmailFailureReason>,
    }
    ///An email address to check.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct ValidateEmailRequest {
        ///The address to check.
        pub email: ValidateEmailRequestEmail,
    }
    ///The address to check.
    #[derive(
        ::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd, schemars::JsonSchema,
    )]
    #[serde(transparent)]
    pub struct ValidateEmailRequestEmail(::std::string::String);
    impl ::std::ops::Deref for ValidateEmailRequestEmail {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ValidateEmailRequestEmail> for ::std::string::String {
        fn from(value: ValidateEmailRequestEmail) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ValidateEmailRequestEmail {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 254usize {
                return Err("longer than 254 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ValidateEmailRequestEmail {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ValidateEmailRequestEmail {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ValidateEmailRequestEmail {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Whether the address can be used.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct ValidateEmailResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub failure: ::std::option::Option<ValidateEmailFailure>,
        ///The address is not a well-formed email address.
        #[serde(
            rename = "formatInvalid",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub format_invalid: ::std::option::Option<bool>,
        ///The address is usable.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub valid: ::std::option::Option<bool>,
    }
    ///Input that broke the API's rules.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct ValidationError {
        ///Each violated rule.
        #[serde(
            rename = "fieldViolations",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub field_violations: ::std::vec::Vec<FieldViolation>,
    }
    ///Where the verification code is sent.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema,
    )]
    pub enum VerificationTarget {
        #[serde(rename = "EMAIL")]
        Email,
    }
    impl ::std::fmt::Display for VerificationTarget {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Email => f.write_str("EMAIL"),
            }
        }
    }
    impl ::std::str::FromStr for VerificationTarget {
        type Err = self::error::ConversionError;
        fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "EMAIL" => Ok(Self::Email),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for VerificationTarget {
        type Error = self::error::ConversionError;
        fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for VerificationTarget {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The code from the verification email and the state it continues.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, schemars::JsonSchema)]
    pub struct VerifyDuringAuthenticationRequest {
        ///The 6-character code from the verification email.
        pub code: crate::Secret,
        ///The state token of the `REQUIRE_EMAIL_VERIFICATION` state.
        #[serde(rename = "stateToken")]
        pub state_token: crate::Secret,
    }
    ///The Wix error envelope. `details` carries either `applicationError` or `validationError`; 5xx bodies may be `{}`.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct WixError {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub details: ::std::option::Option<WixErrorDetails>,
        ///A human-readable message.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }
    ///Why the request failed.
    #[derive(
        ::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, schemars::JsonSchema,
    )]
    pub struct WixErrorDetails {
        #[serde(
            rename = "applicationError",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub application_error: ::std::option::Option<ApplicationError>,
        ///The request ID, when the server adds it (it is also in `x-wix-request-id`).
        #[serde(
            rename = "requestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub request_id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "validationError",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub validation_error: ::std::option::Option<ValidationError>,
    }
    /// Generation of default values for serde.
    pub mod defaults {
        pub(super) fn default_bool<const V: bool>() -> bool {
            V
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/// Client for Wix Headless member authentication
///
/// The REST surface a Wix Headless site or app uses to sign members in: register, log in,
/// verify an email code, sign on server-to-server, turn a session token into OAuth tokens
/// through a redirect session and an authorization code with PKCE, refresh them, recover
/// or change a password, and log out.
///
/// Conventions that hold for every operation:
/// - Access tokens (visitor, member or app) are sent **raw** in the `Authorization` header,
///   with no `Bearer ` prefix, exactly as `@wix/sdk` sends them. The header is modelled as
///   a required header parameter on each operation that needs one, because the token
///   differs from call to call (visitor token for register, member token for change
///   password) and a generated client then takes it as an argument.
/// - IAM, verification, recovery and redirects bodies are lowerCamelCase. The OAuth token
///   *response* is snake_case.
/// - int64 values arrive as JSON strings (proto3 JSON). proto3 JSON also omits fields that
///   hold their default value, so response fields are only `required` where the docs or
///   the npm types say so and the value is never a default.
/// - Enums in responses are open: a value added by Wix later decodes as a plain string.
/// - Every error status carries the Wix error envelope (`WixError`), except the token
///   endpoint, whose error body is undocumented (RFC 6749 §5.2 `OAuthError`, the envelope,
///   or nothing), and Authorize, whose errors are HTML pages. 5xx bodies may be empty.
/// - An API key is sent with exactly one of the `wix-site-id` / `wix-account-id` headers.
///   For external login it is sent beside the visitor token as
///   `Authorization: <visitor access token>,<API key>`, as `@wix/sdk` does.
/// - Error codes listed in an operation's description come from Wix's docs and the npm
///   types of `@wix/sdk`, unless marked *(third-party)*: those were seen only in code
///   outside Wix and are kept because a client that meets them must still classify them.
///
///
/// Version: 2026-11
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
}
impl Client {
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(baseurl: &str, client: reqwest::Client) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
        }
    }
}
impl ClientInfo<()> for Client {
    fn api_version() -> &'static str {
        "2026-11"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &() {
        &()
    }
}
impl ClientHooks<()> for &Client {}
#[allow(clippy::all)]
impl Client {
    /// Register a new member with an email address and password
    ///
    /// Creates a member and answers with the state of the registration. `SUCCESS` carries a
    /// session token; `REQUIRE_EMAIL_VERIFICATION` (the email already belongs to a contact,
    /// or the site requires it) carries a state token and sends a code to the email;
    /// `REQUIRE_OWNER_APPROVAL` means the site owner must approve the member first.
    /// Called with the current visitor access token.
    /// Error codes in `details.applicationError.code`. Numeric (the SDK's constants):
    /// `-19995` (email exists), `-19971` (captcha missing), `-19970` (captcha invalid).
    /// Typed (npm `RegisterV2ApplicationErrors`): `DUPLICATE_EMAIL`, `THROTTLED_FEATURE`,
    /// `UNIMPLEMENTED_FEATURE`, `INVALID_CAPTCHA_TOKEN`, `CAPTCHA_TOKEN_REQUIRED`,
    /// `IP_ADDRESS_FILTERED`, `RECAPTCHA_FAILED`, `RECAPTCHA_REQUIRED`,
    /// `MISSING_CAPTCHA_TOKEN`, `USER_EMAIL_OFAC_ADDRESS`, `UNSUPPORTED_FIELD`,
    /// `ATTRIBUTE_NOT_FOUND`, `CLIENT_METADATA_NOT_FOUND`, `INVALID_LD_SESSION`,
    /// `COULD_NOT_CREATE_SET_ACCOUNT_USER`, `INVALID_USER_TYPE`,
    /// `REGISTRATION_TO_EDITORX_NOT_ALLOWED`. A `validationError` whose field violation has
    /// `data.type: EMAIL` means the email is malformed.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/authentication/v2/register`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn register_v2<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::RegisterV2Request,
    ) -> Result<ResponseValue<types::StateMachineResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/authentication/v2/register", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "register_v2",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Log in a member with an email address and password
    ///
    /// Starts (or, with `stateToken`, continues) a login and answers with its state.
    /// `SUCCESS` carries a session token. Called with the current visitor access token.
    /// Error codes in `details.applicationError.code`. Numeric (the SDK's constants):
    /// `-19976` (wrong email or password), `-19973` (the password was reset; the member
    /// must use "forgot password"), `-19971` / `-19970` (captcha missing / invalid).
    /// Typed (npm `LoginV2ApplicationErrors`): `THROTTLED_FEATURE`,
    /// `INVALID_CAPTCHA_TOKEN`, `CAPTCHA_TOKEN_REQUIRED`, `REENROLLMENT_REQUIRED_BY_ADMIN`,
    /// `TRUSTED_CLIENTS_ONLY`, `WIX_EMPLOYEE_PASSWORD_LOGIN_NOT_ALLOWED`.
    /// *(third-party)*: `-19999` (no member with that email), `-19958` (pending owner
    /// approval), `-19959` (throttled).
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/authentication/v2/login`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn login_v2<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::LoginV2Request,
    ) -> Result<ResponseValue<types::StateMachineResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/authentication/v2/login", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "login_v2",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Authenticate a member server-to-server, without credentials
    ///
    /// Returns a session token for the member with this email, creating or updating the
    /// member as needed. Callable only as a Wix app or Wix user identity, with the
    /// permission "Manage Members Authentication": an app access token from the
    /// `client_credentials` grant, or an API key with `wix-site-id` (or `wix-account-id`).
    /// For external login `@wix/sdk` sends the key beside the visitor token,
    /// `Authorization: <visitor access token>,<API key>`, then passes the session token and
    /// the identity's id to the `authorized_client` grant. Developer Preview.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/authentication/v2/sign-on`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `wix_account_id`: The account an API key acts on; send exactly one of `wix-site-id` and `wix-account-id` with an API key, neither with a token.
    /// - `wix_site_id`: The site an API key acts on; send exactly one of `wix-site-id` and `wix-account-id` with an API key, neither with a token.
    /// - `body`
    pub async fn sign_on<'a>(
        &'a self,
        authorization: &'a str,
        wix_account_id: Option<&'a str>,
        wix_site_id: Option<&'a str>,
        body: &'a types::SignOnRequest,
    ) -> Result<ResponseValue<types::SignOnResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/authentication/v2/sign-on", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(4usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        if let Some(value) = wix_account_id {
            header_map.append("wix-account-id", value.to_string().try_into()?);
        }
        if let Some(value) = wix_site_id {
            header_map.append("wix-site-id", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "sign_on",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Change the password of the logged-in member
    ///
    /// Sets a new password for the member whose access token is sent. The site's password
    /// policy is enforced; the session stays valid afterwards. Developer Preview.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/authentication/v2/change-password`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn change_password<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::ChangePasswordRequest,
    ) -> Result<ResponseValue<types::EmptyResponse>, Error<ByteStream>> {
        let url = format!(
            "{}/_api/iam/authentication/v2/change-password",
            self.baseurl,
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "change_password",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Log out the member of the browser session
    ///
    /// Browser-oriented: clears the Wix session cookies and answers with an HTML page, or
    /// with a `302` to `postLogoutRedirectUri` when one is given. The answer is never JSON:
    /// a generated client returns the raw body for `200`, and a `302` as an unexpected
    /// response that keeps its status and `Location` (use a client that does not follow
    /// redirects). Token-based apps log out through Create Redirect Session's `logout`
    /// intent instead. Developer Preview.
    ///
    ///
    /// Sends a `GET` request to `/_api/iam/authentication/v1/logout`
    ///
    /// Arguments:
    /// - `client_id`: The OAuth app (client) ID whose allowed URIs `postLogoutRedirectUri` is checked against.
    /// - `post_logout_redirect_uri`: Where to send the browser after logging out.
    pub async fn logout<'a>(
        &'a self,
        client_id: Option<&'a str>,
        post_logout_redirect_uri: Option<&'a str>,
    ) -> Result<ResponseValue<ByteStream>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/authentication/v1/logout", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .query(&progenitor_client::QueryParam::new("clientId", &client_id))
            .query(&progenitor_client::QueryParam::new(
                "postLogoutRedirectUri",
                &post_logout_redirect_uri,
            ))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "logout",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => Ok(ResponseValue::stream(response)),
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Check whether an email address can receive mail
    ///
    /// Checks an address's format and deliverability before registering with it. Public in
    /// the npm types (`@wix/auto_sdk_identity_authentication`); no headless docs page
    /// exists, so the link points to the Authentication API introduction.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/authentication/v2/validate-email`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn validate_email<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::ValidateEmailRequest,
    ) -> Result<ResponseValue<types::ValidateEmailResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/authentication/v2/validate-email", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "validate_email",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Complete a registration or login with the code sent by email
    ///
    /// Continues a `REQUIRE_EMAIL_VERIFICATION` state: send the 6-character code the member
    /// received and the state token of that state. Usually answers `SUCCESS` with a session
    /// token. The code is exactly 6 characters (npm types). A wrong code fails with
    /// `VERIFICATION_FAILED`; *(third-party)*: the legacy `EMAIL_VERIFICATION_FAILED`.
    /// Called with the current visitor access token.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/verification/v1/auth/verify`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn verify_during_authentication<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::VerifyDuringAuthenticationRequest,
    ) -> Result<ResponseValue<types::StateMachineResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/verification/v1/auth/verify", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "verify_during_authentication",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Send a fresh verification code to an identity's email
    ///
    /// Starts a new verification for an identity and sends a code to its email.
    /// `identityId` is required ("the request fails if it is omitted", npm types). Wix
    /// publishes no "resend code" operation; starting a verification again is the closest
    /// public one, and whether Verify During Authentication then accepts the new code with
    /// the earlier state token is not documented. Public in the npm types (permission
    /// `IAM.START`); not in the headless docs menu.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/verification/v1/start`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn start_verification<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::StartVerificationRequest,
    ) -> Result<ResponseValue<types::StartVerificationResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/verification/v1/start", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "start_verification",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Send a password-reset email to a member
    ///
    /// Sends an email with a link to the Wix-hosted reset page. `redirect.url` must be an
    /// allowed authorization redirect URI of the OAuth app; the site must be published.
    /// Answers `{}`. *(third-party)*: resend throttling answers `-19901`. Called with the
    /// current visitor access token.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/recovery/v1/send-email`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn send_recovery_email<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::SendRecoveryEmailRequest,
    ) -> Result<ResponseValue<types::EmptyResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/recovery/v1/send-email", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "send_recovery_email",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Set a new password with the token from a recovery email
    ///
    /// Redeems a recovery token (single use) and sets the member's new password, answering
    /// with the login state. *(third-party)*: an expired token answers `-19972` or
    /// `EXPIRED_JWT_TOKEN`, an unknown one `RECOVERY_TOKEN_DATA_NOT_FOUND`. Public in the
    /// npm types; no headless docs page exists.
    ///
    ///
    /// Sends a `POST` request to `/_api/iam/recovery/v1/recover`
    ///
    /// Arguments:
    /// - `authorization`: The current visitor access token, if any, sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn recover<'a>(
        &'a self,
        authorization: Option<&'a str>,
        body: &'a types::RecoverRequest,
    ) -> Result<ResponseValue<types::StateMachineResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/iam/recovery/v1/recover", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = authorization {
            header_map.append("Authorization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "recover",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Create a URL to a Wix-hosted page (authorize, login, logout)
    ///
    /// Returns a redirect session whose `fullUrl` leads to a Wix-hosted page. The request
    /// carries **exactly one** intent: `auth` (authorize with PKCE, silently with
    /// `prompt=none` + `sessionToken`, or through the Wix login page with `prompt=login`,
    /// or through a social identity provider with `idp`), `login` or `logout`. For a
    /// session token without an iframe, send `responseMode=query` (or `fragment`) with a
    /// `redirectUri` and the `sessionToken`, and navigate the browser to `fullUrl` (a
    /// full-page redirect). `web_message` needs no `redirectUri`. The intents are modelled as optional properties because
    /// OpenAPI 3.0 code generators handle a discriminator-less `oneOf` poorly; setting none
    /// or several is rejected by the server. Other intents Wix offers (checkouts,
    /// bookings) are outside member authentication and not modelled. The site must be
    /// published. Also served at `/redirect-session/v1/redirect-session` and
    /// `/headless/v1/redirect-session`.
    ///
    ///
    /// Sends a `POST` request to `/_api/redirects-api/v1/redirect-session`
    ///
    /// Arguments:
    /// - `authorization`: The access token the operation needs (see its security), sent raw with no `Bearer ` prefix.
    /// - `body`
    pub async fn create_redirect_session<'a>(
        &'a self,
        authorization: &'a str,
        body: &'a types::CreateRedirectSessionRequest,
    ) -> Result<ResponseValue<types::CreateRedirectSessionResponse>, Error<ByteStream>> {
        let url = format!("{}/_api/redirects-api/v1/redirect-session", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        header_map.append("Authorization", authorization.to_string().try_into()?);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "create_redirect_session",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Issue OAuth tokens for a visitor, a member or an app
    ///
    /// One endpoint for every grant: `anonymous` (visitor tokens), `authorization_code`
    /// (member tokens, with the PKCE verifier), `refresh_token` (renew visitor or member
    /// tokens), `client_credentials` (an app token for admin calls such as Sign On) and
    /// `authorized_client` (member tokens for a member id, server-side, with an API key).
    /// The body is JSON (the docs also allow form encoding, with the same names). The
    /// visitor and member grants are camelCase as in the headless docs; the
    /// `client_credentials` and `authorized_client` grants are snake_case, as in the admin
    /// docs and `@wix/sdk`. The response is snake_case. Access tokens live 14,400 s.
    /// Only `authorized_client` needs `Authorization`: `<visitor access token>,<API key>`,
    /// with `wix-site-id` or `wix-account-id`. The error body is undocumented: RFC 6749
    /// §5.2 (`OAuthError`), the Wix envelope, or an empty body.
    ///
    ///
    /// Sends a `POST` request to `/oauth2/token`
    ///
    /// Arguments:
    /// - `authorization`: Only for the `authorized_client` grant, `<visitor access token>,<API key>`; absent for every other grant.
    /// - `wix_account_id`: The account an API key acts on; send exactly one of `wix-site-id` and `wix-account-id` with an API key, neither with a token.
    /// - `wix_site_id`: The site an API key acts on; send exactly one of `wix-site-id` and `wix-account-id` with an API key, neither with a token.
    /// - `body`
    pub async fn create_access_token<'a>(
        &'a self,
        authorization: Option<&'a str>,
        wix_account_id: Option<&'a str>,
        wix_site_id: Option<&'a str>,
        body: &'a types::TokenRequest,
    ) -> Result<ResponseValue<types::TokenResponse>, Error<ByteStream>> {
        let url = format!("{}/oauth2/token", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(4usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = authorization {
            header_map.append("Authorization", value.to_string().try_into()?);
        }
        if let Some(value) = wix_account_id {
            header_map.append("wix-account-id", value.to_string().try_into()?);
        }
        if let Some(value) = wix_site_id {
            header_map.append("wix-site-id", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "create_access_token",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Describe an access token
    ///
    /// Tells whether a token is active and whom it was issued to. `exp` and `iat` are
    /// int64 values sent as strings; the docs example sends `active` as the string
    /// `"true"`, so both forms are accepted.
    ///
    ///
    /// Sends a `POST` request to `/oauth2/token-info`
    ///
    pub async fn token_info<'a>(
        &'a self,
        body: &'a types::TokenInfoRequest,
    ) -> Result<ResponseValue<types::TokenInfoResponse>, Error<ByteStream>> {
        let url = format!("{}/oauth2/token-info", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "token_info",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Authorize a member and redirect back with an authorization code
    ///
    /// Served on the site's domain; reach it through a redirect session's `fullUrl`
    /// (the official route) or with these parameters. With `prompt=none` and a
    /// `sessionToken` it authorizes silently. It answers `302` to `redirectUri` with `code`
    /// and `state` in the query or fragment (per `responseMode`), or for `web_message` an
    /// HTML page that posts `{code, state}` to the opener. Errors arrive as `error` and
    /// `error_description` on the redirect. An unregistered `redirectUri` gets an error
    /// page and no redirect. Every parameter is optional in the npm types: `redirectUri`
    /// is needed only when the response mode redirects (`query`, `fragment`), and
    /// `web_message` (the SDK's silent login in an iframe) sends none. `@wix/sdk` always
    /// sends `state`, `codeChallenge` and `codeChallengeMethod`, and so should a client.
    /// Neither Wix's docs nor the SDK call this endpoint from a server: what a cookie-less
    /// server-side GET gets (a `302`, or a page for a browser) is undocumented. A generated client returns the `302` as an unexpected
    /// response that keeps its status and `Location` (use a client that does not follow
    /// redirects).
    ///
    ///
    /// Sends a `GET` request to `/_api/oauth2/authorize`
    ///
    /// Arguments:
    /// - `client_id`: The OAuth app (client) ID.
    /// - `code_challenge`: The PKCE code challenge, BASE64URL(SHA-256(code verifier)).
    /// - `code_challenge_method`: The PKCE method; `S256`.
    /// - `idp`: An identity-provider connection id, to log in through a social provider (Google `0e6a50f5-b523-4e29-990d-f37fa2ffdd69`, Facebook `3ecad13f-52c3-483d-911f-31dbcf2a6d23`).
    /// - `nonce`: OpenID Connect nonce.
    /// - `prompt`: `none` to authorize silently with `sessionToken`, `login` to show the login page.
    /// - `redirect_uri`: Where to send the code; must exactly match an allowed redirect URI of the OAuth app. Required for `query` and `fragment`; absent for `web_message`.
    /// - `response_mode`: How the code comes back.
    /// - `response_type`: Always `code`.
    /// - `scope`: `offline_access` to also get a refresh token.
    /// - `session_token`: A session token from Login, Register, Verify or Sign On, for silent authorization.
    /// - `state`: The CSRF state, echoed back with the code.
    pub async fn authorize<'a>(
        &'a self,
        client_id: Option<&'a str>,
        code_challenge: Option<&'a str>,
        code_challenge_method: Option<types::CodeChallengeMethod>,
        idp: Option<&'a str>,
        nonce: Option<&'a str>,
        prompt: Option<types::Prompt>,
        redirect_uri: Option<&'a str>,
        response_mode: Option<types::ResponseMode>,
        response_type: Option<&'a str>,
        scope: Option<&'a str>,
        session_token: Option<&'a str>,
        state: Option<&'a str>,
    ) -> Result<ResponseValue<ByteStream>, Error<ByteStream>> {
        let url = format!("{}/_api/oauth2/authorize", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .query(&progenitor_client::QueryParam::new("clientId", &client_id))
            .query(&progenitor_client::QueryParam::new(
                "codeChallenge",
                &code_challenge,
            ))
            .query(&progenitor_client::QueryParam::new(
                "codeChallengeMethod",
                &code_challenge_method,
            ))
            .query(&progenitor_client::QueryParam::new("idp", &idp))
            .query(&progenitor_client::QueryParam::new("nonce", &nonce))
            .query(&progenitor_client::QueryParam::new("prompt", &prompt))
            .query(&progenitor_client::QueryParam::new(
                "redirectUri",
                &redirect_uri,
            ))
            .query(&progenitor_client::QueryParam::new(
                "responseMode",
                &response_mode,
            ))
            .query(&progenitor_client::QueryParam::new(
                "responseType",
                &response_type,
            ))
            .query(&progenitor_client::QueryParam::new("scope", &scope))
            .query(&progenitor_client::QueryParam::new(
                "sessionToken",
                &session_token,
            ))
            .query(&progenitor_client::QueryParam::new("state", &state))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "authorize",
        };
        (crate::hooks::before_send)(&mut request);
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        (crate::hooks::after_receive)(&result);
        let response = result?;
        match response.status().as_u16() {
            200u16 => Ok(ResponseValue::stream(response)),
            400u16..=499u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            500u16..=599u16 => Err(Error::ErrorResponse(ResponseValue::stream(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
