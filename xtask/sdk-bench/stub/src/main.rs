//! `stub DIR EDIT...`: rewrites every `.rs` file under `DIR` in place. Edits:
//! - `trait:NAME` stubs (`loop {}`) the bodies of the functions of impls of trait `NAME`
//!   (`trait:*`: of every trait impl);
//! - `fn:NAME` stubs inherent functions named `NAME` (`fn:*`: every inherent function);
//! - `keep-impls:A,B` removes every impl except those of the listed traits, and stubs free
//!   functions;
//! - `builder-derives:A,B` makes structures named `*Builder` derive just the listed traits
//!   (`builder-derives:` derives nothing);
//! - `no-derives` removes every `derive` attribute.

use std::path::{Path, PathBuf};

use syn::visit_mut::VisitMut;

#[derive(Default)]
struct Edits {
    traits: Vec<String>,
    fns: Vec<String>,
    keep_impls: Option<Vec<String>>,
    builder_derives: Option<Vec<String>>,
    no_derives: bool,
    stubbed: usize,
}

fn last(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

fn hit(list: &[String], name: &str) -> bool {
    list.iter().any(|x| x == "*" || x == name)
}

impl VisitMut for Edits {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let of_trait = item.trait_.as_ref().map(|(path, _)| last(path));
        for member in &mut item.items {
            if let syn::ImplItem::Fn(f) = member {
                let stub = match &of_trait {
                    Some(t) => hit(&self.traits, t),
                    None => hit(&self.fns, &f.sig.ident.to_string()),
                };
                if stub {
                    f.block = syn::parse_quote!({ loop {} });
                    self.stubbed += 1;
                }
            }
        }
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        let builder = item.ident.to_string().ends_with("Builder");
        if self.no_derives {
            item.attrs.retain(|a| !a.path().is_ident("derive"));
        } else if let (true, Some(derives)) = (builder, &self.builder_derives) {
            item.attrs.retain(|a| !a.path().is_ident("derive"));
            if !derives.is_empty() {
                let list: Vec<syn::Ident> = derives
                    .iter()
                    .map(|d| syn::Ident::new(d, proc_macro2::Span::call_site()))
                    .collect();
                item.attrs.push(syn::parse_quote!(#[derive(#(#list),*)]));
            }
        }
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        if self.no_derives {
            item.attrs.retain(|a| !a.path().is_ident("derive"));
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: stub DIR EDIT...")?);
    let mut edits = Edits::default();
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    for arg in args {
        if let Some(t) = arg.strip_prefix("trait:") {
            edits.traits.push(t.to_owned());
        } else if let Some(f) = arg.strip_prefix("fn:") {
            edits.fns.push(f.to_owned());
        } else if let Some(k) = arg.strip_prefix("keep-impls:") {
            edits.keep_impls = Some(list(k));
        } else if let Some(d) = arg.strip_prefix("builder-derives:") {
            edits.builder_derives = Some(list(d));
        } else if arg == "no-derives" {
            edits.no_derives = true;
        } else {
            return Err(format!("unknown edit `{arg}`").into());
        }
    }
    let mut files = Vec::new();
    rust_files(&dir, &mut files)?;
    for path in files {
        let mut file = syn::parse_file(&std::fs::read_to_string(&path)?)?;
        edits.visit_file_mut(&mut file);
        if let Some(keep) = &edits.keep_impls {
            file.items.retain(|item| match item {
                syn::Item::Impl(i) => i
                    .trait_
                    .as_ref()
                    .is_some_and(|(path, _)| keep.contains(&last(path))),
                _ => true,
            });
            for item in &mut file.items {
                if let syn::Item::Fn(f) = item {
                    *f.block = syn::parse_quote!({ loop {} });
                }
            }
        }
        std::fs::write(&path, prettyplease::unparse(&file))?;
    }
    eprintln!("stub: {} function bodies stubbed", edits.stubbed);
    Ok(())
}
