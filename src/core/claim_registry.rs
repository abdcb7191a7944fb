//! The registry of claims the debugger explains: for each claim name, its
//! meaning in one plain sentence and the document that defines it.
//!
//! This is data, not logic. It covers every claim in the IANA "JSON Web Token
//! Claims" registry, the OpenID Connect claims, and the claims that common
//! identity providers (Microsoft Entra ID, Amazon Cognito, Keycloak, Auth0,
//! Okta, Google, GitHub Actions) add. A name used both by a standard and by a
//! vendor has one entry: the standard meaning, with the vendor use beside it.

/// Where a claim is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// Short citation shown to people: "RFC 7519 §4.1.1", "OpenID Connect Core §5.1", "Microsoft Entra ID", ...
    pub cite: &'static str,
    /// A plain https link to the defining document (section anchor where one exists). Never fetched; shown as a link.
    pub url: &'static str,
}

/// One claim the debugger can explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimEntry {
    /// The claim name exactly as it appears in a payload.
    pub name: &'static str,
    /// 1–4 words, Title Case ("Expiration Time").
    pub title: &'static str,
    /// One plain sentence a newcomer understands, ending with a full stop, at
    /// most 160 characters, saying what the claim means and (where it
    /// matters) how a server uses it.
    pub description: &'static str,
    /// The document that defines the claim.
    pub reference: Reference,
    /// Which family the claim belongs to.
    pub source: Source,
}

/// The family a claim belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The seven registered claims of RFC 7519.
    Registered,
    /// Other entries of the IANA JSON Web Token Claims registry.
    Iana,
    /// OpenID Connect: Core, logout, identity assurance and related OpenID specs.
    OpenIdConnect,
    /// Claims an identity provider adds, defined only in its documentation.
    Provider,
}

use Source::{Iana, OpenIdConnect, Provider, Registered};

const fn r(cite: &'static str, url: &'static str) -> Reference {
    Reference { cite, url }
}

const fn claim(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    reference: Reference,
    source: Source,
) -> ClaimEntry {
    ClaimEntry {
        name,
        title,
        description,
        reference,
        source,
    }
}

// Documents cited by more than one entry.

const OIDC_STANDARD: Reference = r(
    "OpenID Connect Core §5.1",
    "https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims",
);
const OIDC_ID_TOKEN: Reference = r(
    "OpenID Connect Core §2",
    "https://openid.net/specs/openid-connect-core-1_0.html#IDToken",
);
const OIDC_AGGREGATED: Reference = r(
    "OpenID Connect Core §5.6.2",
    "https://openid.net/specs/openid-connect-core-1_0.html#AggregatedDistributedClaims",
);
const OIDC_IDA: Reference = r(
    "OpenID Connect for Identity Assurance",
    "https://openid.net/specs/openid-connect-4-identity-assurance-1_0.html",
);
const OPENID_FEDERATION: Reference = r(
    "OpenID Federation 1.0",
    "https://openid.net/specs/openid-federation-1_0.html",
);
const RFC8055: Reference = r("RFC 8055", "https://www.rfc-editor.org/rfc/rfc8055");
const RFC8225: Reference = r(
    "RFC 8225 §5",
    "https://www.rfc-editor.org/rfc/rfc8225#section-5",
);
const RFC8417: Reference = r(
    "RFC 8417 §2.2",
    "https://www.rfc-editor.org/rfc/rfc8417#section-2.2",
);
const RFC8485: Reference = r("RFC 8485", "https://www.rfc-editor.org/rfc/rfc8485");
const RFC8588: Reference = r("RFC 8588", "https://www.rfc-editor.org/rfc/rfc8588");
const RFC8946: Reference = r("RFC 8946", "https://www.rfc-editor.org/rfc/rfc8946");
const W3C_VC: Reference = r(
    "W3C Verifiable Credentials Data Model",
    "https://www.w3.org/TR/vc-data-model/",
);
const RFC9200: Reference = r("RFC 9200", "https://www.rfc-editor.org/rfc/rfc9200");
const RFC9068_AUTHZ: Reference = r(
    "RFC 9068 §2.2.3.1",
    "https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3.1",
);
const EAT: Reference = r(
    "RFC 9711 §4",
    "https://www.rfc-editor.org/rfc/rfc9711#section-4",
);
const CDNI: Reference = r(
    "RFC 9246 §2.1",
    "https://www.rfc-editor.org/rfc/rfc9246#section-2.1",
);
const DPOP: Reference = r(
    "RFC 9449 §4.2",
    "https://www.rfc-editor.org/rfc/rfc9449#section-4.2",
);
const RFC9795: Reference = r("RFC 9795", "https://www.rfc-editor.org/rfc/rfc9795");
const RFC9560: Reference = r("RFC 9560", "https://www.rfc-editor.org/rfc/rfc9560");
const SD_JWT: Reference = r("RFC 9901", "https://www.rfc-editor.org/rfc/rfc9901");
const TS33501: Reference = r(
    "3GPP TS 33.501",
    "https://www.3gpp.org/ftp/Specs/archive/33_series/33.501/",
);
const STATUS_LIST: Reference = r(
    "IETF Token Status List",
    "https://datatracker.ietf.org/doc/draft-ietf-oauth-status-list/",
);

const ENTRA_ACCESS: Reference = r(
    "Microsoft Entra ID access tokens",
    "https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference",
);
const ENTRA_ID: Reference = r(
    "Microsoft Entra ID tokens",
    "https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference",
);
const ENTRA_OPTIONAL: Reference = r(
    "Microsoft Entra ID optional claims",
    "https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference",
);
const COGNITO_ID: Reference = r(
    "Amazon Cognito ID token",
    "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html",
);
const COGNITO_ACCESS: Reference = r(
    "Amazon Cognito access token",
    "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html",
);
const KEYCLOAK: Reference = r(
    "Keycloak Server Administration Guide",
    "https://www.keycloak.org/docs/latest/server_admin/index.html",
);
const AUTH0_ACCESS: Reference = r(
    "Auth0 access tokens",
    "https://auth0.com/docs/secure/tokens/access-tokens",
);
const AUTH0_ORGS: Reference = r(
    "Auth0 Organizations tokens",
    "https://auth0.com/docs/manage-users/organizations/using-tokens",
);
const AUTH0_RBAC: Reference = r(
    "Auth0 RBAC for APIs",
    "https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis",
);
const OKTA: Reference = r(
    "Okta OpenID Connect & OAuth 2.0 API",
    "https://developer.okta.com/docs/reference/api/oidc/",
);
const GOOGLE: Reference = r(
    "Google OpenID Connect",
    "https://developers.google.com/identity/openid-connect/openid-connect",
);
const GITHUB: Reference = r(
    "GitHub Actions OIDC reference",
    "https://docs.github.com/en/actions/reference/security/oidc",
);

/// Every claim the debugger explains, grouped by family. Names are unique.
#[rustfmt::skip]
pub const CLAIM_REGISTRY: &[ClaimEntry] = &[
    // RFC 7519 registered claims.
    claim("iss", "Issuer", "Who created and signed the token, usually the identity provider's URL; servers accept only issuers they trust.", r("RFC 7519 §4.1.1", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1"), Registered),
    claim("sub", "Subject", "Whom the token is about, usually a user or app ID that is unique and stable within the issuer.", r("RFC 7519 §4.1.2", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.2"), Registered),
    claim("aud", "Audience", "Who the token is meant for, a string or list; a server must reject a token whose audience does not name it.", r("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3"), Registered),
    claim("exp", "Expiration Time", "After this time the token must be rejected; servers usually allow a small clock-skew leeway.", r("RFC 7519 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"), Registered),
    claim("nbf", "Not Before", "Before this time the token must be rejected; servers usually allow a small clock-skew leeway.", r("RFC 7519 §4.1.5", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5"), Registered),
    claim("iat", "Issued At", "When the token was created, in seconds since 1970; servers use it to judge the token's age.", r("RFC 7519 §4.1.6", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.6"), Registered),
    claim("jti", "JWT ID", "A unique ID for this token, which lets a server spot a replayed token or revoke this one.", r("RFC 7519 §4.1.7", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.7"), Registered),

    // OpenID Connect standard claims about the user.
    claim("name", "Full Name", "The user's full name as it should be displayed, such as Jane Doe.", OIDC_STANDARD, OpenIdConnect),
    claim("given_name", "Given Name", "The user's given or first name.", OIDC_STANDARD, OpenIdConnect),
    claim("family_name", "Family Name", "The user's surname or last name.", OIDC_STANDARD, OpenIdConnect),
    claim("middle_name", "Middle Name", "The user's middle name.", OIDC_STANDARD, OpenIdConnect),
    claim("nickname", "Nickname", "A casual name the user goes by, which may differ from the given name.", OIDC_STANDARD, OpenIdConnect),
    claim("preferred_username", "Preferred Username", "The short name the user wants to be known by, such as janedoe; it is not guaranteed unique, so never use it as a key.", OIDC_STANDARD, OpenIdConnect),
    claim("profile", "Profile URL", "Link to the user's profile page.", OIDC_STANDARD, OpenIdConnect),
    claim("picture", "Picture URL", "Link to the user's profile picture.", OIDC_STANDARD, OpenIdConnect),
    claim("website", "Website", "Link to the user's web page or blog.", OIDC_STANDARD, OpenIdConnect),
    claim("email", "Email", "The user's preferred email address; it may be unverified or shared, so check email_verified before trusting it.", OIDC_STANDARD, OpenIdConnect),
    claim("email_verified", "Email Verified", "True if the provider has checked that the user controls the email address (Google sets it for its accounts).", OIDC_STANDARD, OpenIdConnect),
    claim("gender", "Gender", "The user's gender, such as female or male, or another value the provider defines.", OIDC_STANDARD, OpenIdConnect),
    claim("birthdate", "Birthdate", "The user's birthday as YYYY-MM-DD, or just YYYY, or 0000-MM-DD when the year is withheld.", OIDC_STANDARD, OpenIdConnect),
    claim("zoneinfo", "Time Zone", "The user's time zone as a tz database name, such as Europe/Paris.", OIDC_STANDARD, OpenIdConnect),
    claim("locale", "Locale", "The user's language and region as a language tag, such as en-US or fr-CA.", OIDC_STANDARD, OpenIdConnect),
    claim("phone_number", "Phone Number", "The user's preferred phone number, ideally in E.164 form such as +14255551212.", OIDC_STANDARD, OpenIdConnect),
    claim("phone_number_verified", "Phone Number Verified", "True if the provider has checked that the user controls the phone number.", OIDC_STANDARD, OpenIdConnect),
    claim("address", "Address", "The user's postal address as an object with fields such as street_address, locality, postal_code and country.", r("OpenID Connect Core §5.1.1", "https://openid.net/specs/openid-connect-core-1_0.html#AddressClaim"), OpenIdConnect),
    claim("updated_at", "Updated At", "When the user's profile information was last changed, in seconds since 1970.", OIDC_STANDARD, OpenIdConnect),

    // OpenID Connect ID token and session claims.
    claim("azp", "Authorized Party", "The client the token was issued to, needed when aud lists several parties; Microsoft Entra and Auth0 put the client app ID here.", OIDC_ID_TOKEN, OpenIdConnect),
    claim("nonce", "Nonce", "A random value the client sent with the login request, echoed back so the client can reject a replayed ID token.", OIDC_ID_TOKEN, OpenIdConnect),
    claim("auth_time", "Authentication Time", "When the user actually logged in, which can be long before iat if an existing session was reused.", OIDC_ID_TOKEN, OpenIdConnect),
    claim("at_hash", "Access Token Hash", "Hash of the access token issued with this ID token, so a client can check the two belong together.", r("OpenID Connect Core §3.1.3.6", "https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken"), OpenIdConnect),
    claim("c_hash", "Code Hash", "Hash of the authorization code issued with this ID token, so a client can check the two belong together.", r("OpenID Connect Core §3.3.2.11", "https://openid.net/specs/openid-connect-core-1_0.html#HybridIDToken"), OpenIdConnect),
    claim("s_hash", "State Hash", "Hash of the state value the client sent, so it can check the ID token answers its own login request (FAPI).", r("FAPI 1.0 Advanced §5.1", "https://openid.net/specs/openid-financial-api-part-2-1_0.html"), OpenIdConnect),
    claim("acr", "Authentication Context Class", "How strongly the user was authenticated, as a level or policy name agreed between the provider and the app.", OIDC_ID_TOKEN, OpenIdConnect),
    claim("amr", "Authentication Methods", "How the user authenticated, as a list of method codes such as pwd, otp or mfa.", OIDC_ID_TOKEN, OpenIdConnect),
    claim("sub_jwk", "Subject Public Key", "The public key that signed a self-issued ID token; the subject is derived from this key.", r("OpenID Connect Core §7.4", "https://openid.net/specs/openid-connect-core-1_0.html#SelfIssuedResponse"), OpenIdConnect),
    claim("sid", "Session ID", "The user's login session at the provider, used to log that session out; Keycloak and Microsoft Entra send it too.", r("OpenID Connect Front-Channel Logout §3", "https://openid.net/specs/openid-connect-frontchannel-1_0.html"), OpenIdConnect),
    claim("_claim_names", "Aggregated Claim Names", "Maps claim names to entries in _claim_sources, for claims supplied by another provider.", OIDC_AGGREGATED, OpenIdConnect),
    claim("_claim_sources", "Aggregated Claim Sources", "Where aggregated or distributed claims come from: an embedded signed JWT or an endpoint to fetch them from.", OIDC_AGGREGATED, OpenIdConnect),

    // OpenID Connect for Identity Assurance.
    claim("verified_claims", "Verified Claims", "Claims about the user together with how, when and by whom they were verified, such as by checking an ID document.", OIDC_IDA, OpenIdConnect),
    claim("place_of_birth", "Place of Birth", "The user's place of birth, as country, region and locality.", OIDC_IDA, OpenIdConnect),
    claim("nationalities", "Nationalities", "The user's nationalities, as country codes.", OIDC_IDA, OpenIdConnect),
    claim("birth_family_name", "Birth Family Name", "The family name the user had at birth, which may differ from the current one.", OIDC_IDA, OpenIdConnect),
    claim("birth_given_name", "Birth Given Name", "The given name the user had at birth, which may differ from the current one.", OIDC_IDA, OpenIdConnect),
    claim("birth_middle_name", "Birth Middle Name", "The middle name the user had at birth, which may differ from the current one.", OIDC_IDA, OpenIdConnect),
    claim("salutation", "Salutation", "The user's salutation, such as Mr or Ms.", OIDC_IDA, OpenIdConnect),
    claim("title", "Title", "The user's academic or professional title, such as Dr or Prof.", OIDC_IDA, OpenIdConnect),
    claim("msisdn", "Mobile Number", "The user's mobile phone number in international E.164 form.", OIDC_IDA, OpenIdConnect),
    claim("also_known_as", "Also Known As", "A stage name, religious name or other alias the user is known by besides their legal name.", OIDC_IDA, OpenIdConnect),

    // Other IANA-registered claims: proof of possession, security events, OAuth.
    claim("cnf", "Confirmation", "The key the holder must prove it has when presenting the token, which stops a stolen token being used (DPoP, mutual TLS).", r("RFC 7800 §3.1", "https://www.rfc-editor.org/rfc/rfc7800#section-3.1"), Iana),
    claim("events", "Security Events", "The security events this token reports, keyed by event type URI, such as the logout event in an OpenID Connect logout token.", RFC8417, Iana),
    claim("toe", "Time of Event", "When the reported security event happened, as opposed to when the token was issued.", RFC8417, Iana),
    claim("txn", "Transaction ID", "An ID of the transaction that produced the token, for matching it with audit logs and related events.", RFC8417, Iana),
    claim("act", "Actor", "The party acting on behalf of the subject after a token exchange, such as a service calling an API for a user.", r("RFC 8693 §4.1", "https://www.rfc-editor.org/rfc/rfc8693#section-4.1"), Iana),
    claim("scope", "Scope", "The permissions granted to the client, as a space-separated list such as read:messages write:messages.", r("RFC 8693 §4.2", "https://www.rfc-editor.org/rfc/rfc8693#section-4.2"), Iana),
    claim("client_id", "Client ID", "The OAuth client the token was issued to; Amazon Cognito access tokens carry it too.", r("RFC 8693 §4.3", "https://www.rfc-editor.org/rfc/rfc8693#section-4.3"), Iana),
    claim("may_act", "May Act For", "Who is allowed to act on behalf of the subject in a later token exchange.", r("RFC 8693 §4.4", "https://www.rfc-editor.org/rfc/rfc8693#section-4.4"), Iana),
    claim("roles", "Roles", "The subject's roles, used for authorization; Microsoft Entra ID puts the app roles assigned to the user or app here.", RFC9068_AUTHZ, Iana),
    claim("groups", "Groups", "Groups the subject belongs to; Microsoft Entra sends group object IDs, or hasgroups when there are too many.", RFC9068_AUTHZ, Iana),
    claim("entitlements", "Entitlements", "Rights or licenses the subject holds, as defined by the SCIM user schema.", RFC9068_AUTHZ, Iana),
    claim("token_introspection", "Token Introspection", "The authorization server's introspection answer about an access token, sent as a signed JWT.", r("RFC 9701", "https://www.rfc-editor.org/rfc/rfc9701"), Iana),
    claim("authorization_details", "Authorization Details", "Fine-grained permissions as JSON objects, such as a payment amount and account, beyond what scope can express.", r("RFC 9396", "https://www.rfc-editor.org/rfc/rfc9396"), Iana),
    claim("at_use_nbr", "Access Token Use Count", "How many API requests the access token may be used for.", r("ETSI GS NFV-SEC 022", "https://www.etsi.org/deliver/etsi_gs/NFV-SEC/001_099/022/"), Iana),
    claim("vot", "Vector of Trust", "How much to trust the identity, as components for identity proofing, credential, credential management and assertion.", RFC8485, Iana),
    claim("vtm", "Trustmark URL", "Link to the trustmark that says what this issuer's vot values mean.", RFC8485, Iana),
    claim("sub_id", "Subject Identifier", "The subject of a security event in a structured form, such as an email address, phone number or issuer plus subject.", r("RFC 9493", "https://www.rfc-editor.org/rfc/rfc9493"), Iana),
    claim("sig_val_claims", "Signature Validation", "The result of validating a signature, such as on a signed document, and how it was reached.", r("RFC 9321", "https://www.rfc-editor.org/rfc/rfc9321"), Iana),
    claim("vc", "Verifiable Credential", "A W3C verifiable credential carried as a JWT, with its subject and the claims the issuer vouches for.", W3C_VC, Iana),
    claim("vp", "Verifiable Presentation", "A W3C verifiable presentation carried as a JWT, bundling credentials a holder chose to show.", W3C_VC, Iana),

    // DPoP proofs (RFC 9449).
    claim("htm", "HTTP Method", "The HTTP method of the request the DPoP proof was made for; the server checks it matches the actual request.", DPOP, Iana),
    claim("htu", "HTTP URL", "The URL of the request the DPoP proof was made for, without query or fragment; the server checks it matches.", DPOP, Iana),
    claim("ath", "Access Token Hash", "Hash of the access token sent with this DPoP proof, binding the proof to that token.", DPOP, Iana),

    // ACE for constrained devices (RFC 9200).
    claim("ace_profile", "ACE Profile", "The ACE profile the token is meant for, such as DTLS or OSCORE on constrained IoT devices.", RFC9200, Iana),
    claim("cnonce", "Client Nonce", "A nonce from the resource server, echoed to prove the token is fresh when that server has no reliable clock.", RFC9200, Iana),
    claim("exi", "Expires In", "How many seconds the token stays valid after the resource server first sees it, for devices without a clock.", RFC9200, Iana),

    // Selective disclosure (SD-JWT).
    claim("_sd", "Disclosure Digests", "Digests of claims that can be selectively disclosed; the holder reveals each one by sending its disclosure.", SD_JWT, Iana),
    claim("...", "Array Element Digest", "A digest standing in for an array element that can be selectively disclosed.", SD_JWT, Iana),
    claim("_sd_alg", "Disclosure Hash Algorithm", "The hash algorithm used for the _sd digests; sha-256 when absent.", SD_JWT, Iana),
    claim("sd_hash", "SD-JWT Hash", "Hash of the SD-JWT and disclosures being presented, binding a key-binding JWT to them.", SD_JWT, Iana),

    // Token status lists.
    claim("status", "Status Reference", "Where to check whether this token has been revoked or suspended, usually an index into a status list.", STATUS_LIST, Iana),
    claim("status_list", "Status List", "A compressed list of bits giving the revoked or suspended state of many tokens.", STATUS_LIST, Iana),
    claim("ttl", "Time to Live", "How many seconds a status list may be cached before it must be fetched again.", STATUS_LIST, Iana),

    // Phone calls: SIP and PASSporT (STIR/SHAKEN caller ID).
    claim("sip_from_tag", "SIP From Tag", "The From tag of the SIP request the token was made for, tying the token to that request.", RFC8055, Iana),
    claim("sip_date", "SIP Date", "The Date header of the SIP request the token was made for.", RFC8055, Iana),
    claim("sip_callid", "SIP Call-ID", "The Call-ID of the SIP request the token was made for, identifying the call.", RFC8055, Iana),
    claim("sip_cseq_num", "SIP CSeq Number", "The CSeq sequence number of the SIP request the token was made for.", RFC8055, Iana),
    claim("sip_via_branch", "SIP Via Branch", "The Via branch parameter of the SIP request the token was made for.", RFC8055, Iana),
    claim("orig", "Originating Identity", "The calling party's phone number or URI in a PASSporT caller-ID token.", RFC8225, Iana),
    claim("dest", "Destination Identity", "The called parties' phone numbers or URIs in a PASSporT caller-ID token.", RFC8225, Iana),
    claim("mky", "Media Key Fingerprints", "Fingerprints of the call's media encryption keys, tying them to the caller's identity.", RFC8225, Iana),
    claim("rph", "Resource Priority", "The call priority, such as for emergency services, that the caller is authorized to request.", r("RFC 8443", "https://www.rfc-editor.org/rfc/rfc8443"), Iana),
    claim("sph", "SIP Priority", "The SIP Priority header value the signer vouches for, such as psap-callback for an emergency callback.", r("RFC 9027", "https://www.rfc-editor.org/rfc/rfc9027"), Iana),
    claim("attest", "Attestation Level", "How sure the carrier is of the caller ID: A full, B partial, C gateway only.", RFC8588, Iana),
    claim("origid", "Origination ID", "A unique ID for where the call entered the network, used to trace robocalls.", RFC8588, Iana),
    claim("div", "Diverted To", "The number or URI a call was forwarded to, in a PASSporT for a diverted call.", RFC8946, Iana),
    claim("opt", "Original PASSporT", "The full original PASSporT of a diverted call, carried inside the new one.", RFC8946, Iana),
    claim("jcard", "Contact Card", "Contact details as a jCard, such as who rejected a call and how to reach them.", r("RFC 8688", "https://www.rfc-editor.org/rfc/rfc8688"), Iana),
    claim("rcd", "Rich Call Data", "Caller details shown to the person being called, such as a name, logo or call reason.", RFC9795, Iana),
    claim("rcdi", "Rich Call Data Integrity", "Digests that protect rich call data resources, such as a logo, from being swapped.", RFC9795, Iana),
    claim("crn", "Call Reason", "Why the call is being made, shown to the person being called.", RFC9795, Iana),
    claim("msgi", "Message Integrity", "Integrity information for a message body, such as a text message, signed in a PASSporT.", r("RFC 9475", "https://www.rfc-editor.org/rfc/rfc9475"), Iana),
    claim("atc", "Authority Token Challenge", "Proof that the requester may get a certificate for an identifier, such as a phone number, in an ACME challenge.", r("RFC 9447", "https://www.rfc-editor.org/rfc/rfc9447"), Iana),

    // Entity Attestation Tokens (device attestation).
    claim("eat_nonce", "EAT Nonce", "A fresh value from the verifier, echoed so it can tell the attestation is not a replay.", EAT, Iana),
    claim("ueid", "Universal Entity ID", "A permanent, globally unique ID of the device, much like a serial number.", EAT, Iana),
    claim("sueids", "Semi-Permanent UEIDs", "Device IDs that last until an event such as a factory reset.", EAT, Iana),
    claim("oemid", "Hardware OEM ID", "Identifies the device's manufacturer.", EAT, Iana),
    claim("hwmodel", "Hardware Model", "Identifies the device's hardware model.", EAT, Iana),
    claim("hwversion", "Hardware Version", "The device's hardware version.", EAT, Iana),
    claim("oemboot", "OEM Authorized Boot", "Whether the software the device booted was authorized by its manufacturer.", EAT, Iana),
    claim("secboot", "Secure Boot", "Whether the device booted with secure boot on; an early EAT draft name, replaced by oemboot in RFC 9711.", r("EAT draft (draft-ietf-rats-eat)", "https://datatracker.ietf.org/doc/draft-ietf-rats-eat/"), Iana),
    claim("dbgstat", "Debug Status", "Whether the device's debug facilities are enabled or disabled, and how permanently.", EAT, Iana),
    claim("location", "Location", "The device's geographic location, such as latitude and longitude.", EAT, Iana),
    claim("eat_profile", "EAT Profile", "Names the profile, the set of rules, this attestation token follows.", EAT, Iana),
    claim("submods", "Submodules", "Claims about parts of the device, such as a secure element, nested inside this token.", EAT, Iana),
    claim("uptime", "Uptime", "Seconds since the device last booted.", EAT, Iana),
    claim("bootcount", "Boot Count", "How many times the device has booted.", EAT, Iana),
    claim("bootseed", "Boot Seed", "A random value that identifies the device's current boot cycle.", EAT, Iana),
    claim("dloas", "Digital Letters of Approval", "Certifications the device holds, as digital letters of approval.", EAT, Iana),
    claim("swname", "Software Name", "The name of the software running on the device.", EAT, Iana),
    claim("swversion", "Software Version", "The version of the software running on the device.", EAT, Iana),
    claim("manifests", "Manifests", "Manifests describing the software installed on the device.", EAT, Iana),
    claim("measurements", "Measurements", "Measurements, such as hashes, of the software and configuration on the device.", EAT, Iana),
    claim("measres", "Measurement Results", "The results of comparing the device's measurements with known-good reference values.", EAT, Iana),
    claim("intuse", "Intended Use", "What the attestation is for, such as registration, key provisioning or proof of possession.", EAT, Iana),
    claim("cmw", "Conceptual Message Wrapper", "Attestation evidence or results in another format, wrapped so it can travel inside this token.", r("IETF RATS Conceptual Message Wrappers", "https://datatracker.ietf.org/doc/draft-ietf-rats-msg-wrap/"), Iana),

    // CDN URI signing (RFC 9246).
    claim("cdniv", "CDNI Claim Set Version", "The version of the CDN URI signing claim set; 1 when absent.", CDNI, Iana),
    claim("cdnicrit", "CDNI Critical Claims", "CDN URI signing claims the CDN must understand, or else reject the signed URL.", CDNI, Iana),
    claim("cdniip", "CDNI Client IP", "The client IP address the signed URL may be used from.", CDNI, Iana),
    claim("cdniuc", "CDNI URI Container", "The URI or URI pattern this signed token grants access to.", CDNI, Iana),
    claim("cdniets", "CDNI Renewal Lifetime", "How many seconds a renewed signed token from the CDN stays valid.", CDNI, Iana),
    claim("cdnistt", "CDNI Token Transport", "How the CDN hands a renewed signed token back to the client, such as in a cookie.", CDNI, Iana),
    claim("cdnistd", "CDNI Token Depth", "How deep in the URI path a renewed signed token is placed when sent in the path.", CDNI, Iana),

    // Domain registration data (RDAP) and location.
    claim("rdap_allowed_purposes", "RDAP Allowed Purposes", "The purposes for which the user may query protected domain registration data.", RFC9560, Iana),
    claim("rdap_dnt_allowed", "RDAP Do Not Track", "Whether the user may ask the RDAP server not to track or log their queries.", RFC9560, Iana),
    claim("geohash", "Geohash", "A coarse location of the user's device as a geohash string.", r("IANA JWT Claims registry", "https://www.iana.org/assignments/jwt/jwt.xhtml"), Iana),

    // 5G core network (3GPP TS 33.501).
    claim("consumerPlmnId", "Consumer PLMN ID", "The mobile network of the 5G network function requesting the service.", TS33501, Iana),
    claim("consumerSnpnId", "Consumer SNPN ID", "The private 5G network of the network function requesting the service.", TS33501, Iana),
    claim("producerPlmnId", "Producer PLMN ID", "The mobile network of the 5G network function providing the service.", TS33501, Iana),
    claim("producerSnpnId", "Producer SNPN ID", "The private 5G network of the network function providing the service.", TS33501, Iana),
    claim("producerSnssaiList", "Producer Slice List", "The network slices (S-NSSAIs) of the 5G service provider the token is valid for.", TS33501, Iana),
    claim("producerNsiList", "Producer Slice Instances", "The network slice instances of the 5G service provider the token is valid for.", TS33501, Iana),
    claim("producerNfSetId", "Producer NF Set ID", "The set of 5G network functions the token is valid for.", TS33501, Iana),
    claim("producerNfServiceSetId", "Producer Service Set ID", "The set of 5G network function services the token is valid for.", TS33501, Iana),
    claim("sourceNfInstanceId", "Source NF Instance ID", "The 5G network function instance the request originally came from.", TS33501, Iana),
    claim("analyticsIdList", "Analytics ID List", "The 5G network analytics the requester may access.", TS33501, Iana),
    claim("resOwnerId", "Resource Owner ID", "The subscriber whose data the 5G service request is about.", TS33501, Iana),

    // OpenID Federation.
    claim("jwks", "JSON Web Key Set", "The entity's public signing keys as a JWK Set, used to verify the statements it signs (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("metadata", "Metadata", "The entity's protocol settings, such as its OpenID provider or client metadata, keyed by entity type (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("metadata_policy", "Metadata Policy", "Rules a superior applies to a subordinate's metadata, such as forced or allowed values (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("metadata_policy_crit", "Critical Policy Operators", "Metadata policy operators that must be understood, or else the statement rejected (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("constraints", "Trust Chain Constraints", "Limits a superior sets on the trust chain below it, such as maximum path length or allowed names (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("crit", "Critical Claims", "Names of extension claims in this statement that the receiver must understand, or else reject it (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("authority_hints", "Authority Hints", "Entity IDs of the superiors, intermediates or trust anchors, that can vouch for this entity (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_anchor_hints", "Trust Anchor Hints", "Entity IDs of the trust anchors this entity trusts (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_marks", "Trust Marks", "Signed marks certifying that this entity meets some policy or accreditation (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_mark_type", "Trust Mark Type", "Identifies the kind of trust mark, naming the accreditation it stands for (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_mark_issuers", "Trust Mark Issuers", "Which issuers a trust anchor accepts for each type of trust mark (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_mark_owners", "Trust Mark Owners", "The owners of trust mark types and their keys; an owner may delegate issuing (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("delegation", "Trust Mark Delegation", "A signed token showing the trust mark's owner allowed this issuer to issue it (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("ref", "Reference", "In OpenID Federation trust marks, a link to more about the mark; in GitHub Actions tokens, the Git ref that triggered the run.", OPENID_FEDERATION, Iana),
    claim("logo_uri", "Logo URL", "Link to a logo image for the trust mark (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("source_endpoint", "Source Endpoint", "The fetch endpoint URL this subordinate statement was obtained from (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("keys", "Keys", "A list of keys, such as an entity's past signing keys with their revocation state (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_chain", "Trust Chain", "The signed statements linking an entity to a trust anchor, each vouching for the next (OpenID Federation).", OPENID_FEDERATION, Iana),
    claim("trust_anchor", "Trust Anchor", "The entity ID of the trust anchor a resolved trust chain ends at (OpenID Federation).", OPENID_FEDERATION, Iana),

    // Microsoft Entra ID.
    claim("oid", "Object ID", "The user's or app's immutable ID in the Microsoft Entra tenant; with tid it is the safe key for a user.", ENTRA_ACCESS, Provider),
    claim("tid", "Tenant ID", "The Microsoft Entra tenant (directory) the user signed in to, as a GUID.", ENTRA_ACCESS, Provider),
    claim("scp", "Scopes", "The scopes (permissions) granted to the app, space-separated (Microsoft Entra, Okta).", ENTRA_ACCESS, Provider),
    claim("upn", "User Principal Name", "The user's sign-in name, often an email address; it can change, so never use it as a key (Microsoft Entra).", ENTRA_ACCESS, Provider),
    claim("ver", "Version", "The token format version: 1.0 or 2.0 in Microsoft Entra tokens, 1 in Okta tokens.", ENTRA_ACCESS, Provider),
    claim("appid", "Application ID", "The client app that requested the token (Microsoft Entra v1.0 tokens; v2.0 tokens use azp).", ENTRA_ACCESS, Provider),
    claim("azpacr", "Client Authentication", "How the client app authenticated: 0 public client, 1 client secret, 2 certificate (Microsoft Entra v2.0).", ENTRA_ACCESS, Provider),
    claim("appidacr", "App Authentication", "How the client app authenticated: 0 public client, 1 client secret, 2 certificate (Microsoft Entra v1.0).", ENTRA_ACCESS, Provider),
    claim("wids", "Directory Roles", "The user's Microsoft Entra directory roles, such as Global Administrator, as role template IDs.", ENTRA_ACCESS, Provider),
    claim("idp", "Identity Provider", "Who authenticated the user when that differs from the issuer, such as a guest's home tenant (Microsoft Entra).", ENTRA_ACCESS, Provider),
    claim("unique_name", "Unique Name", "A human-readable name for the user, for display only since it is not guaranteed unique (Microsoft Entra v1.0).", ENTRA_ACCESS, Provider),
    claim("ipaddr", "IP Address", "The IP address the user signed in from (Microsoft Entra).", ENTRA_ACCESS, Provider),
    claim("onprem_sid", "On-Premises SID", "The user's security identifier in on-premises Active Directory (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("pwd_exp", "Password Expiry", "When the user's password expires, sent by Microsoft Entra only when expiry is near, along with pwd_url.", ENTRA_OPTIONAL, Provider),
    claim("pwd_url", "Password Change URL", "Where the user can change their password, sent with pwd_exp (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("uti", "Token Identifier", "An internal Microsoft Entra token ID used to revalidate tokens; apps can ignore it.", ENTRA_ACCESS, Provider),
    claim("rh", "Refresh Handle", "An internal Microsoft Entra claim used to revalidate tokens; apps should ignore it.", ENTRA_ACCESS, Provider),
    claim("aio", "Internal Token Data", "An opaque Microsoft Entra claim used internally for token reuse; apps should ignore it.", ENTRA_ACCESS, Provider),
    claim("xms_cc", "Client Capabilities", "Capabilities the client app declared, such as cp1 meaning it can handle claims challenges (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("acrs", "Authentication Contexts", "Conditional Access authentication context IDs the user has satisfied, for step-up checks (Microsoft Entra).", ENTRA_ACCESS, Provider),
    claim("ctry", "Country", "The user's country or region as a two-letter code (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("tenant_region_scope", "Tenant Region", "The region of the user's tenant, such as NA or EU (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("idtyp", "Identity Type", "Whether a Microsoft Entra token was issued for a user or for an app acting on its own (app).", ENTRA_OPTIONAL, Provider),
    claim("login_hint", "Login Hint", "An opaque value the app can send back to sign the same user in again without a prompt (Microsoft Entra).", ENTRA_OPTIONAL, Provider),
    claim("hasgroups", "Has Groups", "True when the user is in too many groups to list, so the app must look them up in Microsoft Graph.", ENTRA_ID, Provider),

    // Amazon Cognito.
    claim("cognito:groups", "Cognito Groups", "The Amazon Cognito user pool groups the user belongs to.", COGNITO_ID, Provider),
    claim("cognito:username", "Cognito Username", "The user's username in the Amazon Cognito user pool, which may differ from sub.", COGNITO_ID, Provider),
    claim("cognito:roles", "Cognito Roles", "The IAM roles linked to the user's Amazon Cognito groups.", COGNITO_ID, Provider),
    claim("cognito:preferred_role", "Cognito Preferred Role", "The IAM role of the user's highest-priority group, used when trading the token for AWS credentials.", COGNITO_ID, Provider),
    claim("token_use", "Token Use", "Whether an Amazon Cognito token is an id or access token; check it so an ID token is not accepted as an access token.", COGNITO_ACCESS, Provider),
    claim("username", "Username", "The user's username in an Amazon Cognito access token.", COGNITO_ACCESS, Provider),
    claim("origin_jti", "Origin JWT ID", "Links the token to the sign-in it came from, so revoking a refresh token revokes its tokens too (Amazon Cognito).", COGNITO_ACCESS, Provider),
    claim("event_id", "Event ID", "The ID of the Amazon Cognito sign-in event that produced the token.", COGNITO_ACCESS, Provider),
    claim("identities", "Linked Identities", "The external identity provider accounts, such as Google or SAML, linked to the Amazon Cognito user.", COGNITO_ID, Provider),

    // Keycloak.
    claim("realm_access", "Realm Roles", "The roles the user has across the Keycloak realm, listed under roles.", KEYCLOAK, Provider),
    claim("resource_access", "Client Roles", "The roles the user has in each client, keyed by client ID (Keycloak).", KEYCLOAK, Provider),
    claim("session_state", "Session State", "Keycloak's ID of the user's login session at the server, the same session that sid names.", KEYCLOAK, Provider),
    claim("typ", "Type", "Keycloak's label for the kind of token, such as Bearer, ID or Refresh, so one is not used as another.", KEYCLOAK, Provider),
    claim("allowed-origins", "Allowed Origins", "The web origins allowed to use this token in browser requests, for CORS (Keycloak).", KEYCLOAK, Provider),

    // Auth0.
    claim("permissions", "Permissions", "The API permissions granted to the user through role-based access control (Auth0).", AUTH0_RBAC, Provider),
    claim("gty", "Grant Type", "How the token was obtained, such as client-credentials for a machine-to-machine token (Auth0).", AUTH0_ACCESS, Provider),
    claim("org_id", "Organization ID", "The Auth0 organization the user logged in through; check it to keep customers' data apart.", AUTH0_ORGS, Provider),
    claim("org_name", "Organization Name", "The name of the Auth0 organization the user logged in through.", AUTH0_ORGS, Provider),

    // Okta.
    claim("cid", "Client ID", "The client ID of the app an Okta access token was issued to.", OKTA, Provider),
    claim("uid", "User ID", "The Okta user ID of the user an access token was issued for.", OKTA, Provider),

    // Google.
    claim("hd", "Hosted Domain", "The Google Workspace domain of the user; check it to allow only your organization's accounts.", GOOGLE, Provider),

    // Ory Hydra.
    claim("rat", "Requested At", "When the login request was made, which can be earlier than auth_time (Ory Hydra).", r("Ory Hydra", "https://github.com/ory/hydra"), Provider),

    // GitHub Actions OIDC tokens.
    claim("repository", "Repository", "The owner/name of the repository the workflow ran in (GitHub Actions).", GITHUB, Provider),
    claim("repository_id", "Repository ID", "The numeric ID of the repository, which stays the same if it is renamed (GitHub Actions).", GITHUB, Provider),
    claim("repository_owner", "Repository Owner", "The user or organization that owns the repository (GitHub Actions).", GITHUB, Provider),
    claim("repository_owner_id", "Repository Owner ID", "The numeric ID of the repository owner, which stays the same if it is renamed (GitHub Actions).", GITHUB, Provider),
    claim("repository_visibility", "Repository Visibility", "Whether the repository is public, private or internal (GitHub Actions).", GITHUB, Provider),
    claim("ref_type", "Ref Type", "Whether ref is a branch or a tag (GitHub Actions).", GITHUB, Provider),
    claim("ref_protected", "Ref Protected", "Whether branch protection or rulesets apply to the ref the workflow ran on (GitHub Actions).", GITHUB, Provider),
    claim("sha", "Commit SHA", "The commit the workflow ran for (GitHub Actions).", GITHUB, Provider),
    claim("workflow", "Workflow", "The name of the workflow (GitHub Actions).", GITHUB, Provider),
    claim("workflow_ref", "Workflow Ref", "The workflow file and ref, such as owner/repo/.github/workflows/ci.yml@refs/heads/main (GitHub Actions).", GITHUB, Provider),
    claim("workflow_sha", "Workflow SHA", "The commit of the workflow file that ran (GitHub Actions).", GITHUB, Provider),
    claim("job_workflow_ref", "Job Workflow Ref", "The file and ref of the reusable workflow the job ran, or of the workflow itself; cloud trust policies often pin it (GitHub Actions).", GITHUB, Provider),
    claim("job_workflow_sha", "Job Workflow SHA", "The commit of the reusable workflow the job ran (GitHub Actions).", GITHUB, Provider),
    claim("actor", "Actor", "The account that started the workflow run (GitHub Actions).", GITHUB, Provider),
    claim("actor_id", "Actor ID", "The numeric ID of the account that started the workflow run (GitHub Actions).", GITHUB, Provider),
    claim("environment", "Environment", "The deployment environment the job used, such as production; cloud trust policies often require it (GitHub Actions).", GITHUB, Provider),
    claim("event_name", "Event Name", "The event that triggered the workflow, such as push or pull_request (GitHub Actions).", GITHUB, Provider),
    claim("head_ref", "Head Ref", "The source branch of the pull request that triggered the run (GitHub Actions).", GITHUB, Provider),
    claim("base_ref", "Base Ref", "The target branch of the pull request that triggered the run (GitHub Actions).", GITHUB, Provider),
    claim("run_id", "Run ID", "The unique ID of the workflow run (GitHub Actions).", GITHUB, Provider),
    claim("run_number", "Run Number", "How many times this workflow has run in the repository, counting this run (GitHub Actions).", GITHUB, Provider),
    claim("run_attempt", "Run Attempt", "Which attempt of the workflow run this is, starting at 1 and rising on re-runs (GitHub Actions).", GITHUB, Provider),
    claim("runner_environment", "Runner Environment", "Whether the job ran on a github-hosted or self-hosted runner (GitHub Actions).", GITHUB, Provider),
    claim("enterprise", "Enterprise", "The GitHub enterprise that contains the repository (GitHub Actions).", GITHUB, Provider),
];

/// Exact, case-sensitive lookup.
pub fn lookup(name: &str) -> Option<&'static ClaimEntry> {
    CLAIM_REGISTRY.iter().find(|c| c.name == name)
}

/// Plain words for the method codes that appear in `amr`: the RFC 8176
/// registry, then the extra values Microsoft Entra ID sends.
#[rustfmt::skip]
pub const AMR_VALUES: &[(&str, &str)] = &[
    ("face", "facial recognition"),
    ("fpt", "fingerprint"),
    ("geo", "location check"),
    ("hwk", "key held in hardware"),
    ("iris", "iris scan"),
    ("kba", "security questions (knowledge-based)"),
    ("mca", "confirmation over several channels"),
    ("mfa", "multi-factor authentication"),
    ("otp", "one-time password"),
    ("pin", "PIN"),
    ("pop", "proof of possession of a key"),
    ("pwd", "password"),
    ("rba", "risk-based authentication"),
    ("retina", "retina scan"),
    ("sc", "smart card"),
    ("sms", "code sent by text message"),
    ("swk", "key held in software"),
    ("tel", "confirmation by phone call"),
    ("user", "user presence check"),
    ("vbm", "voice biometrics"),
    ("wia", "Windows integrated authentication"),
    ("fed", "federated sign-in at another identity provider"),
    ("rsa", "RSA key, such as Microsoft Authenticator or RSA SecurID"),
    ("ngcmfa", "multi-factor authentication for an advanced credential such as Windows Hello"),
    ("wiaormfa", "Windows integrated authentication or multi-factor authentication"),
];

/// Plain words for an `amr` value, such as "pwd" -> "password". Exact match.
pub fn amr_value(value: &str) -> Option<&'static str> {
    AMR_VALUES
        .iter()
        .find(|(code, _)| *code == value)
        .map(|(_, phrase)| *phrase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Words a Title Case title may keep in lower case.
    const SMALL_WORDS: &[&str] = &["a", "an", "and", "for", "in", "of", "on", "or", "the", "to"];

    #[test]
    fn has_at_least_120_entries() {
        assert!(CLAIM_REGISTRY.len() >= 120, "{}", CLAIM_REGISTRY.len());
    }

    #[test]
    fn names_are_unique() {
        let mut seen = HashSet::new();
        for c in CLAIM_REGISTRY {
            assert!(seen.insert(c.name), "duplicate name {:?}", c.name);
        }
    }

    #[test]
    fn names_are_non_empty_and_trimmed() {
        for c in CLAIM_REGISTRY {
            assert!(!c.name.is_empty());
            assert_eq!(c.name, c.name.trim(), "{:?}", c.name);
        }
    }

    #[test]
    fn titles_are_short_title_case() {
        for c in CLAIM_REGISTRY {
            assert!(!c.title.is_empty(), "{}: empty title", c.name);
            let words: Vec<&str> = c.title.split(' ').collect();
            assert!(
                (1..=4).contains(&words.len()),
                "{}: title {:?} is not 1-4 words",
                c.name,
                c.title
            );
            for (i, w) in words.iter().enumerate() {
                let first = w.chars().next().expect("no empty words");
                let small = i > 0 && SMALL_WORDS.contains(w);
                assert!(
                    small || first.is_ascii_uppercase() || first.is_ascii_digit(),
                    "{}: title {:?} is not Title Case",
                    c.name,
                    c.title
                );
            }
        }
    }

    #[test]
    fn descriptions_are_one_plain_sentence() {
        for c in CLAIM_REGISTRY {
            let d = c.description;
            assert!(!d.is_empty(), "{}: empty description", c.name);
            assert!(d.ends_with('.'), "{}: no full stop: {d:?}", c.name);
            assert!(
                d.chars().count() <= 160,
                "{}: {} chars: {d:?}",
                c.name,
                d.chars().count()
            );
            assert!(!d.contains('\n'), "{}: newline", c.name);
            assert!(
                !d.contains(". "),
                "{}: more than one sentence: {d:?}",
                c.name
            );
            assert!(!d.contains("  "), "{}: double space", c.name);
            assert_eq!(d, d.trim(), "{}: surrounding whitespace", c.name);
            assert!(
                d.starts_with(|ch: char| ch.is_ascii_uppercase()),
                "{}: should start with a capital: {d:?}",
                c.name
            );
            assert!(!d.starts_with("This claim"), "{}: {d:?}", c.name);
        }
    }

    #[test]
    fn references_are_cited_https_links() {
        for c in CLAIM_REGISTRY {
            let Reference { cite, url } = c.reference;
            assert!(!cite.trim().is_empty(), "{}: empty cite", c.name);
            assert!(url.starts_with("https://"), "{}: {url}", c.name);
            assert!(url.len() > "https://".len(), "{}: {url}", c.name);
            assert!(!url.contains(char::is_whitespace), "{}: {url}", c.name);
        }
    }

    #[test]
    fn sources_match_references() {
        let registered: Vec<&str> = CLAIM_REGISTRY
            .iter()
            .filter(|c| c.source == Source::Registered)
            .map(|c| c.name)
            .collect();
        assert_eq!(
            registered,
            ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]
        );
        for c in CLAIM_REGISTRY {
            let cite = c.reference.cite;
            match c.source {
                Source::Registered => assert!(cite.starts_with("RFC 7519 §"), "{}", c.name),
                Source::OpenIdConnect => {
                    assert!(
                        cite.contains("OpenID") || cite.contains("FAPI"),
                        "{}",
                        c.name
                    )
                }
                Source::Iana => assert!(!cite.starts_with("RFC 7519"), "{}", c.name),
                Source::Provider => assert!(!cite.starts_with("RFC"), "{}", c.name),
            }
        }
    }

    #[test]
    fn every_family_is_present() {
        for source in [
            Source::Registered,
            Source::Iana,
            Source::OpenIdConnect,
            Source::Provider,
        ] {
            assert!(
                CLAIM_REGISTRY.iter().any(|c| c.source == source),
                "{source:?}"
            );
        }
    }

    /// RFC 7519 and OpenID Connect claims the registry must explain.
    #[rustfmt::skip]
    const STANDARD_NAMES: &[&str] = &[
        // RFC 7519
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti",
        // OpenID Connect Core §5.1
        "name", "given_name", "family_name", "middle_name", "nickname",
        "preferred_username", "profile", "picture", "website", "email",
        "email_verified", "gender", "birthdate", "zoneinfo", "locale",
        "phone_number", "phone_number_verified", "address", "updated_at",
        // OpenID Connect Core §2, §5.6.2, logout
        "azp", "nonce", "auth_time", "at_hash", "c_hash", "acr", "amr",
        "sub_jwk", "sid", "events", "_claim_names", "_claim_sources",
    ];

    /// Other IANA-registered claims the registry must explain.
    #[rustfmt::skip]
    const IANA_NAMES: &[&str] = &[
        "cnf", "sip_from_tag", "sip_date", "sip_callid", "sip_cseq_num",
        "sip_via_branch", "orig", "dest", "mky", "events", "toe", "txn", "rph",
        "sid", "vot", "vtm", "attest", "origid", "act", "scope", "client_id",
        "may_act", "jcard", "at_use_nbr", "div", "opt", "vc", "vp", "sph",
        "ace_profile", "cnonce", "exi", "roles", "groups", "entitlements",
        "token_introspection", "ueid", "sueids", "oemid", "hwmodel",
        "hwversion", "secboot", "oemboot", "dbgstat", "location", "eat_profile",
        "submods", "rcd", "rcdi", "crn", "msgi", "htm", "htu", "ath", "_sd",
        "_sd_alg",
    ];

    /// Identity-provider claims the registry must explain.
    #[rustfmt::skip]
    const PROVIDER_NAMES: &[&str] = &[
        // Microsoft Entra ID
        "oid", "tid", "scp", "roles", "upn", "ver", "appid", "azp", "azpacr",
        "appidacr", "wids", "idp", "unique_name", "ipaddr", "onprem_sid",
        "pwd_exp", "pwd_url", "uti", "rh", "xms_cc", "amr", "acrs", "ctry",
        "tenant_region_scope", "family_name",
        // Amazon Cognito
        "cognito:groups", "cognito:username", "cognito:roles",
        "cognito:preferred_role", "token_use", "client_id", "username",
        "origin_jti", "event_id",
        // Keycloak
        "realm_access", "resource_access", "preferred_username",
        "session_state", "typ", "allowed-origins", "sid",
        // Auth0
        "permissions", "gty", "org_id", "org_name", "azp",
        // Okta
        "cid", "uid", "scp", "ver",
        // Google
        "hd", "email_verified",
        // GitHub Actions
        "repository", "ref", "sha", "workflow", "actor", "environment",
        "job_workflow_ref", "run_id", "repository_owner",
    ];

    /// Names in the older `claims::CLAIMS` table, whose descriptions this replaces.
    #[rustfmt::skip]
    const OLD_TABLE_NAMES: &[&str] = &[
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "auth_time",
        "updated_at", "toe", "pwd_exp", "rat", "azp", "nonce", "acr", "amr",
        "sid", "at_hash", "c_hash", "s_hash", "name", "given_name",
        "family_name", "middle_name", "nickname", "preferred_username",
        "profile", "picture", "website", "email", "email_verified", "gender",
        "birthdate", "zoneinfo", "locale", "phone_number",
        "phone_number_verified", "address", "cnf", "act", "may_act", "scope",
        "scp", "client_id", "roles", "groups", "entitlements", "events", "txn",
        "tid", "oid", "upn", "typ", "vc", "vp",
    ];

    fn assert_all_present(names: &[&str]) {
        let missing: Vec<&&str> = names.iter().filter(|n| lookup(n).is_none()).collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
    }

    #[test]
    fn rfc7519_and_openid_connect_claims_are_present() {
        assert_all_present(STANDARD_NAMES);
    }

    #[test]
    fn other_iana_claims_are_present() {
        assert_all_present(IANA_NAMES);
    }

    #[test]
    fn provider_claims_are_present() {
        assert_all_present(PROVIDER_NAMES);
    }

    #[test]
    fn claims_of_the_older_table_are_present() {
        assert_all_present(OLD_TABLE_NAMES);
    }

    #[test]
    fn shared_names_mention_the_vendor_use() {
        for (name, vendor) in [
            ("roles", "Microsoft Entra"),
            ("scp", "Okta"),
            ("sid", "Keycloak"),
            ("azp", "Auth0"),
            ("ref", "GitHub Actions"),
            ("client_id", "Amazon Cognito"),
        ] {
            let c = lookup(name).expect(name);
            assert!(c.description.contains(vendor), "{name}: {}", c.description);
        }
    }

    #[test]
    fn lookup_is_exact_and_case_sensitive() {
        let exp = lookup("exp").expect("exp");
        assert_eq!(exp.name, "exp");
        assert_eq!(exp.title, "Expiration Time");
        assert_eq!(exp.source, Source::Registered);
        assert_eq!(exp.reference.cite, "RFC 7519 §4.1.4");
        assert!(lookup("EXP").is_none());
        assert!(lookup("Exp").is_none());
        assert!(lookup(" exp").is_none());
        assert!(lookup("exp ").is_none());
        assert!(lookup("").is_none());
        assert!(lookup("Cognito:groups").is_none());
        assert!(lookup("cognito:groups").is_some());
        assert!(lookup("no_such_claim").is_none());
    }

    #[test]
    fn lookup_returns_the_table_entry() {
        for c in CLAIM_REGISTRY {
            assert_eq!(lookup(c.name), Some(c));
        }
    }

    #[test]
    fn existing_titles_are_kept() {
        for (name, title) in [
            ("iss", "Issuer"),
            ("auth_time", "Authentication Time"),
            ("acr", "Authentication Context Class"),
            ("amr", "Authentication Methods"),
            ("name", "Full Name"),
            ("zoneinfo", "Time Zone"),
            ("profile", "Profile URL"),
            ("may_act", "May Act For"),
            ("scp", "Scopes"),
            ("pwd_exp", "Password Expiry"),
            ("rat", "Requested At"),
        ] {
            assert_eq!(lookup(name).expect(name).title, title);
        }
    }

    #[test]
    fn amr_value_covers_rfc_8176() {
        for code in [
            "pwd", "otp", "mfa", "hwk", "swk", "face", "fpt", "sms", "tel", "pin", "kba", "geo",
            "iris", "retina", "vbm", "wia", "user", "sc", "rba", "pop", "mca",
        ] {
            let phrase = amr_value(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!phrase.is_empty(), "{code}");
        }
        assert_eq!(amr_value("pwd"), Some("password"));
        assert_eq!(amr_value("otp"), Some("one-time password"));
    }

    #[test]
    fn amr_value_is_exact() {
        assert_eq!(amr_value("PWD"), None);
        assert_eq!(amr_value("pwd "), None);
        assert_eq!(amr_value(""), None);
        assert_eq!(amr_value("password"), None);
    }

    #[test]
    fn amr_table_is_clean() {
        let mut seen = HashSet::new();
        for (code, phrase) in AMR_VALUES {
            assert!(seen.insert(code), "duplicate amr value {code}");
            assert!(!phrase.is_empty(), "{code}");
            assert!(phrase.len() <= 80, "{code}: {phrase}");
            assert!(!phrase.ends_with('.'), "{code}: a phrase, not a sentence");
            assert_eq!(*phrase, phrase.trim(), "{code}");
        }
    }
}
