//! The page's plain argument objects (its limits, a findings filter), read field by field
//! with `Reflect`. serde's deserializer for these two small objects brought its visitors,
//! error messages and float formatting into the page's wasm: kilobytes for ten numbers.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use super::dto::{FilterQuery, Limits};

impl Limits {
    /// `www/modules/limits.js` as the worker hands it over: its constants by their names.
    pub fn from_js(object: &JsValue) -> Result<Limits, JsValue> {
        let count = |name: &str| -> Result<usize, JsValue> {
            whole_number(&field(object, "limits", name)?).ok_or_else(|| wrong("limits", name, "a whole number"))
        };
        Ok(Limits {
            open_cards_up_to: count("OPEN_CARDS_UP_TO")?,
            draw_all_findings: count("DRAW_ALL_FINDINGS")?,
            draw_all_pairs: count("DRAW_ALL_PAIRS")?,
            sequence_shown: count("SEQUENCE_SHOWN")?,
            fragments_shown: count("FRAGMENTS_SHOWN")?,
            sessions_shown: count("SESSIONS_SHOWN")?,
            connections_shown: count("CONNECTIONS_SHOWN")?,
            whole_up_to_chars: count("WHOLE_UP_TO_CHARS")?,
            whole_up_to_regions: count("WHOLE_UP_TO_REGIONS")?,
            regions_per_mark: count("REGIONS_PER_MARK")?,
        })
    }
}

impl FilterQuery {
    /// `{ severities, rule, message, text }`, each optional (missing or `null`: no condition).
    pub fn from_js(object: &JsValue) -> Result<FilterQuery, JsValue> {
        let given = |name: &str| -> Result<Option<JsValue>, JsValue> {
            let value = field(object, "filter", name)?;
            Ok((!value.is_undefined() && !value.is_null()).then_some(value))
        };
        let text = |name: &str| -> Result<String, JsValue> {
            match given(name)? {
                Some(value) => value.as_string().ok_or_else(|| wrong("filter", name, "a string")),
                None => Ok(String::new()),
            }
        };
        let severities = match given("severities")? {
            Some(list) if js_sys::Array::is_array(&list) => js_sys::Array::from(&list)
                .iter()
                .map(|s| s.as_string().ok_or_else(|| wrong("filter", "severities", "a list of strings")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(wrong("filter", "severities", "a list of strings")),
            None => Vec::new(),
        };
        let message = match given("message")? {
            Some(n) => Some(whole_number(&n).ok_or_else(|| wrong("filter", "message", "a whole number"))?),
            None => None,
        };
        Ok(FilterQuery { severities, rule: text("rule")?, message, text: text("text")? })
    }
}

/// Field `name` of `object` (`undefined` when missing); an error when `object` is not one.
fn field(object: &JsValue, what: &str, name: &str) -> Result<JsValue, JsValue> {
    if !object.is_object() {
        return Err(JsValue::from_str(&format!("the {what} must be an object")));
    }
    Reflect::get(object, &JsValue::from_str(name))
}

/// A number that is a whole number from 0 to 2^53 (what a JavaScript count can be).
fn whole_number(value: &JsValue) -> Option<usize> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    let n = value.as_f64()?;
    (n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n)).then(|| n.min(usize::MAX as f64) as usize)
}

fn wrong(what: &str, name: &str, should: &str) -> JsValue {
    JsValue::from_str(&format!("the {what}'s {name} must be {should}"))
}
