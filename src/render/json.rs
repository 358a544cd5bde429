//! The JSON contract: `Plan` serialized as it is, pretty-printed.

use crate::plan::Plan;

pub fn render(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).expect("a plan always serializes");
    text.push('\n');
    text
}
