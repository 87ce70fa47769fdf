//! Endpoint resolution: arbitrary `Region` and `Endpoint` strings (and the FIPS and dual-stack
//! flags) into the resolver of the Connect rule set (`connect_chat::endpoint`). It must not
//! panic, and it must give what the rule set says: a custom endpoint is used as is (or refused
//! with FIPS or dual stack), a missing region is the rule set's error, and a region-built URL
//! contains the region.
#![no_main]

use arbitrary::Unstructured;
use connect_chat::endpoint::{EndpointError, Params, resolve};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(fips), Ok(dual_stack)) = (u.arbitrary::<bool>(), u.arbitrary::<bool>()) else {
        return;
    };
    let (Ok(region), Ok(endpoint)) = (
        u.arbitrary::<Option<String>>(),
        u.arbitrary::<Option<String>>(),
    ) else {
        return;
    };
    let mut params = Params::new().use_fips(fips).use_dual_stack(dual_stack);
    if let Some(region) = &region {
        params = params.region(region.as_str());
    }
    if let Some(endpoint) = &endpoint {
        params = params.endpoint(endpoint.as_str());
    }
    let resolved = resolve(&params);
    match (&endpoint, &region, &resolved) {
        (Some(custom), _, Ok(e)) => {
            assert!(
                !fips && !dual_stack,
                "a custom endpoint with FIPS or dual stack"
            );
            assert_eq!(&e.url, custom);
        }
        (Some(_), _, Err(EndpointError::Rule(_))) => assert!(fips || dual_stack),
        (None, None, Err(e)) => {
            assert_eq!(e.to_string(), "Invalid Configuration: Missing Region")
        }
        (None, Some(region), Ok(e)) => {
            assert!(
                e.url.contains(region.as_str()),
                "{} lacks {region:?}",
                e.url
            )
        }
        (None, Some(_), Err(EndpointError::Rule(_))) => assert!(fips || dual_stack),
        (_, _, other) => panic!("unexpected resolution: {other:?}"),
    }
});
