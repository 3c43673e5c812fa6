#pragma once

#include <QLatin1StringView>

// The stable diagnostic codes of the config validator. Tests, editor filters and the README
// refer to these strings; never rename one.
namespace Gatehouse::Core::DiagnosticCode {

using namespace Qt::StringLiterals;

// Errors: the config cannot work on FGW either.
inline constexpr QLatin1StringView JsonSyntax = "json-syntax"_L1;
inline constexpr QLatin1StringView WrongType = "wrong-type"_L1;
inline constexpr QLatin1StringView MissingField = "missing-field"_L1;
inline constexpr QLatin1StringView DanglingService = "dangling-service"_L1;
inline constexpr QLatin1StringView DuplicatePort = "duplicate-port"_L1;
inline constexpr QLatin1StringView PortRange = "port-range"_L1;
inline constexpr QLatin1StringView InvalidRegex = "invalid-regex"_L1;
inline constexpr QLatin1StringView UnknownPathType = "unknown-path-type"_L1;
inline constexpr QLatin1StringView UnknownProtocol = "unknown-protocol"_L1;
inline constexpr QLatin1StringView MissingChain = "missing-chain"_L1;
inline constexpr QLatin1StringView InvalidValue = "invalid-value"_L1;

// Warnings: FGW loads it, but probably not as meant.
inline constexpr QLatin1StringView OrphanRoutePort = "orphan-route-port"_L1;
inline constexpr QLatin1StringView NegativeWeight = "negative-weight"_L1;
inline constexpr QLatin1StringView UnknownKey = "unknown-key"_L1;
inline constexpr QLatin1StringView LegacyKey = "legacy-key"_L1;
inline constexpr QLatin1StringView IgnoredKey = "ignored-key"_L1;
inline constexpr QLatin1StringView DuplicateKey = "duplicate-key"_L1;
inline constexpr QLatin1StringView UnknownModule = "unknown-module"_L1;
inline constexpr QLatin1StringView ModuleNotInChain = "module-not-in-chain"_L1;
inline constexpr QLatin1StringView UnsupportedFeature = "unsupported-feature"_L1;
inline constexpr QLatin1StringView SurpriseKeepAlivePinning = "surprise-keepalive-pinning"_L1;
inline constexpr QLatin1StringView SurpriseWildcardOrder = "surprise-wildcard-order"_L1;
inline constexpr QLatin1StringView SurpriseUnanchoredRegex = "surprise-unanchored-regex"_L1;
inline constexpr QLatin1StringView SurpriseMtlsWithoutCa = "surprise-mtls-without-ca"_L1;
inline constexpr QLatin1StringView SurpriseCumulativeMaxFails = "surprise-cumulative-maxfails"_L1;
inline constexpr QLatin1StringView SurpriseHeaderCase = "surprise-header-case"_L1;

} // namespace Gatehouse::Core::DiagnosticCode
