//! README: the option tables, environment variables and error codes the READMEs show are the core's
//! own (`host::TABLES`, `ErrorCode::ALL` with each code's description). `ONEJWT_BLESS=1 cargo test
//! -p onejwt --test readme` rewrites the generated tables after a change in the core.
//!
//! The README's code blocks are checked elsewhere: Rust blocks are doctests (`src/lib.rs`), the others run
//! in `tests/docs/` (`make test-docs`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use onejwt::host::{markdown_table, TABLES};
use onejwt::ErrorCode;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const READMES: [&str; 4] = [
    "README.md",
    "bindings-python/README.md",
    "bindings-node/README.md",
    "bindings-wasm/README.md",
];

/// The README with every `<!-- options:<table> -->` block regenerated from the schema.
fn regenerated(readme: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = readme;
    let mut seen = BTreeSet::new();
    while let Some(start) = rest.find("<!-- options:") {
        let open_end = rest[start..]
            .find("-->")
            .map(|i| start + i + 3)
            .ok_or("an unclosed <!-- options: marker")?;
        let name = rest[start + "<!-- options:".len()..open_end - 3].trim();
        let table = TABLES.iter().find(|t| t.name == name).ok_or_else(|| {
            format!("README names an option table the core does not have: {name}")
        })?;
        let close = rest[open_end..]
            .find("<!-- /options -->")
            .map(|i| open_end + i)
            .ok_or_else(|| format!("the {name} table has no <!-- /options --> end marker"))?;
        out.push_str(&rest[..open_end]);
        out.push('\n');
        out.push_str(&markdown_table(table));
        rest = &rest[close..];
        seen.insert(name.to_owned());
    }
    out.push_str(rest);
    let out = with_block(&out, "error-codes", &error_table())?;
    let missing: Vec<_> = TABLES
        .iter()
        .filter(|t| !seen.contains(t.name))
        .map(|t| t.name)
        .collect();
    if !missing.is_empty() {
        return Err(format!("README.md has no generated table for {missing:?}"));
    }
    Ok(out)
}

/// The error-code table: every `ErrorCode`, in order, with the core's own description.
fn error_table() -> String {
    let mut table = String::from("| code | meaning |\n|---|---|\n");
    for code in ErrorCode::ALL {
        table.push_str(&format!(
            "| `{}` | {} |\n",
            code.as_str(),
            code.description()
        ));
    }
    table
}

/// `text` with the block between `<!-- name -->` and `<!-- /name -->` replaced by `content`.
fn with_block(text: &str, name: &str, content: &str) -> Result<String, String> {
    let open = format!("<!-- {name} -->");
    let close = format!("<!-- /{name} -->");
    let start = text
        .find(&open)
        .map(|i| i + open.len())
        .ok_or_else(|| format!("README.md has no {open} block"))?;
    let end = text[start..]
        .find(&close)
        .map(|i| start + i)
        .ok_or_else(|| format!("the {open} block has no {close} end marker"))?;
    Ok(format!("{}\n{content}{}", &text[..start], &text[end..]))
}

#[test]
fn the_option_tables_are_the_schema() {
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let expected = regenerated(&readme).unwrap_or_else(|e| panic!("{e}"));
    if expected != readme {
        if std::env::var_os("ONEJWT_BLESS").is_some() {
            fs::write(&path, expected).expect("write README.md");
            return;
        }
        panic!(
            "README.md's option tables differ from the core's schema; rerun with ONEJWT_BLESS=1 to \
             regenerate them (the schema is core/src/host/schema.rs)"
        );
    }
}

/// Every `JWT_*` variable a README names is one the service reads, and the README lists them all.
#[test]
fn the_environment_variables_are_the_schema() {
    let schema: BTreeSet<String> = TABLES
        .iter()
        .flat_map(|t| t.options.iter())
        .filter_map(|o| o.env.map(str::to_owned))
        .collect();
    assert!(
        schema.len() >= 10,
        "the service reads its settings from JWT_* variables"
    );
    let mut in_main = BTreeSet::new();
    for name in READMES {
        let text = fs::read_to_string(root().join(name)).expect(name);
        for (i, _) in text.match_indices("JWT_") {
            // A word of its own: `ONEJWT_ROOT` (the snippets' test variable) is not a `JWT_*` setting.
            if text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                continue;
            }
            let var: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            assert!(
                schema.contains(&var),
                "{name} names {var}, which no option reads"
            );
            if name == "README.md" {
                in_main.insert(var);
            }
        }
    }
    assert_eq!(
        in_main, schema,
        "README.md lists every environment variable"
    );
}

#[test]
fn a_missing_table_or_a_stale_row_is_caught() {
    // The check above is only worth something if it fails: drop one row of a generated table.
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let broken = readme.replacen("| `leeway` | `leeway` |", "| `leway` | `leway` |", 1);
    assert_ne!(broken, readme, "the verifier table lists leeway");
    assert_ne!(regenerated(&broken).expect("markers intact"), broken);
    let unmarked = readme.replacen("<!-- options:sign -->", "", 1);
    assert!(regenerated(&unmarked).is_err());
    // The same for the error codes: a code missing from the table is put back.
    let dropped = readme.replacen("| `revoked` |", "| `retired` |", 1);
    assert_ne!(dropped, readme, "the error table lists revoked");
    assert_ne!(regenerated(&dropped).expect("markers intact"), dropped);
}
