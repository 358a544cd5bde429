//! ISO 4217 currency codes, so that a mistyped `currency` is caught with a
//! hint rather than printed on every cost of the plan.

/// The alphabetic codes of ISO 4217's list of current currencies and funds
/// (2025), in byte order for binary search.
const CODES: [&str; 178] = [
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
    "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
    "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
    "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
    "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
    "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
];

/// Whether `code` is a current ISO 4217 code, spelt as the standard spells it.
pub fn is_code(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// Every code, for the config's schema and "did you mean".
pub fn codes() -> &'static [&'static str] {
    &CODES
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_codes_are_sorted_and_unique() {
        assert!(super::CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            super::CODES
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn common_codes_are_known_and_retired_ones_are_not() {
        for code in [
            "USD", "EUR", "GBP", "JPY", "CHF", "INR", "BRL", "ZAR", "SLE", "ZWG", "XCG",
        ] {
            assert!(super::is_code(code), "{code}");
        }
        for code in ["usd", "EUD", "HRK", "DEM", "US", "USDD", "ZWL"] {
            assert!(!super::is_code(code), "{code}");
        }
    }
}
