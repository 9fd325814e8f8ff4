//! Generates the fixture spec into `$OUT_DIR/vendor.rs` with kycgen's build.rs API.

fn main() -> Result<(), kycgen_codegen::Error> {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    kycgen_codegen::Builder::new("spec/openapi.yaml")
        .config("spec/kycgen.yaml")
        .rename("Status", "ApplicantStatus")
        .redact("Applicant.email")
        .write_module(out.join("vendor.rs"))
}
