//! The tables sub-editors describe their fields with: each [`Input`] a
//! field (`fields`), a choice, a model select (`model_field`) or the
//! fields of one kind, rendered by [`inputs`] for one item's path.

use leptos::prelude::*;

use super::super::field::Field;
use super::fields::{Choice, EDITOR_IDS};
use super::model_field::{ModelField, Models};
use super::shown;

/// One input of a sub-editor, by field name relative to its item.
#[derive(Clone, Copy, Debug)]
pub(super) enum Input {
    /// A text or number field: visible label, field name.
    Field(&'static str, &'static str),
    /// A select of fixed values: label, field name, `(value, text)` choices.
    Choice(
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    ),
    /// A select of models: label, field name, which models.
    Model(&'static str, &'static str, Models),
    /// These inputs only while the item's field (first) holds the value
    /// (second): the fields of one kind.
    When(&'static str, &'static str, &'static [Input]),
}

/// The inputs of `table` for the item at path `prefix` (empty for the
/// scenario itself).
pub(super) fn inputs(prefix: &str, table: &'static [Input]) -> AnyView {
    let scenario = shown();
    let path = |field: &str| {
        if prefix.is_empty() {
            field.to_owned()
        } else {
            format!("{prefix}.{field}")
        }
    };
    table
        .iter()
        .map(|input| match *input {
            Input::Field(label, field) => {
                view! { <Field label=label path=path(field) ids=EDITOR_IDS shown=scenario /> }
                    .into_any()
            }
            Input::Choice(label, field, options) => {
                view! { <Choice label=label path=path(field) options=options /> }.into_any()
            }
            Input::Model(label, field, models) => {
                view! { <ModelField label=label path=path(field) models=models /> }.into_any()
            }
            Input::When(field, value, table) => when(prefix, path(field), value, table),
        })
        .collect_view()
        .into_any()
}

/// The field names of `table`, kinds' own fields included.
pub(super) fn field_names(table: &[Input]) -> Vec<String> {
    let mut names = Vec::new();
    for input in table {
        match *input {
            Input::Field(_, field) | Input::Choice(_, field, _) | Input::Model(_, field, _) => {
                names.push(field.to_owned());
            }
            Input::When(_, _, inner) => names.extend(field_names(inner)),
        }
    }
    names
}

/// `table`'s inputs while the field at `path` reads `value`.
fn when(prefix: &str, path: String, value: &'static str, table: &'static [Input]) -> AnyView {
    let shown = shown();
    let active =
        Memo::new(move |_| shown.with(|s| s.field(&path).is_some_and(|v| v.text() == value)));
    let prefix = prefix.to_owned();
    (move || active.get().then(|| inputs(&prefix, table))).into_any()
}
