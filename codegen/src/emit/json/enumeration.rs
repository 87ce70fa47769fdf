//! Enums and intEnums as JSON strings and numbers.

use proc_macro2::TokenStream;
use quote::quote;

use super::plain_json_impl;
use crate::emit::ctx::Ctx;
use crate::emit::runtime::JSON;
use crate::emit::types;
use crate::ir::EnumDef;

/// `Serialize`, `Deserialize` and `Placeholder` for an enum: its wire value.
pub(in crate::emit) fn enumeration(_cx: &Ctx<'_>, def: &EnumDef) -> TokenStream {
    let name = types::ident(&def.common.rust_name);
    let plain_json = plain_json_impl(&name);
    let write_cfg = crate::emit::server_only(def.common.directions.write_server_only());
    let read_cfg = crate::emit::server_only(def.common.directions.read_server_only());
    if def.int {
        return quote! {
            #write_cfg
            impl ::serde::Serialize for #name {
                fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                    serializer.serialize_i32(self.as_i32())
                }
            }

            #read_cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                    <i32 as ::serde::Deserialize>::deserialize(deserializer).map(#name::from)
                }
            }

            #plain_json

        #read_cfg
            impl #JSON::Placeholder for #name {
                #[inline]
                fn placeholder() -> Self {
                    #name::from(0)
                }
            }
        };
    }
    let expecting = format!("a `{}` string", def.common.shape_name);
    quote! {
        #write_cfg
            impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #read_cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;

                impl ::serde::de::Visitor<'_> for __Visitor {
                    type Value = #name;
                    #[inline]
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<__E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, __E> {
                        ::std::result::Result::Ok(#name::from(value))
                    }
                }

                ::serde::Deserializer::deserialize_str(deserializer, __Visitor)
            }
        }

        #plain_json

        #read_cfg
            impl #JSON::Placeholder for #name {
            #[inline]
            fn placeholder() -> Self {
                #name::from("")
            }
        }
    }
}
