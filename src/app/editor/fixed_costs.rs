//! Fixed costs: hosting, storage, subscriptions. Changing the kind goes
//! through `Scenario::set_fixed_cost_kind`, which adds or drops
//! `users_per_unit`; that field only shows for stepped costs.

use leptos::prelude::*;

use super::inputs::Input;
use super::items::{ItemList, ItemSpec};
use crate::engine::edit::List;

const FIXED_COST: ItemSpec = ItemSpec {
    noun: "fixed cost",
    title: "name",
    title_words: None,
    fallback: "Fixed cost",
    badge: None,
    inputs: &[
        Input::Field("Name", "name"),
        Input::Choice(
            "Kind",
            "kind",
            &[
                ("flat", "Flat: $ a month"),
                ("per_user", "Per user: $ per user a month"),
                ("stepped", "Stepped: $ a month per block of users"),
            ],
        ),
        Input::Field("Amount ($, as the kind says)", "monthly"),
        Input::When(
            "kind",
            "stepped",
            &[Input::Field("Users per block", "users_per_unit")],
        ),
    ],
    open: true,
    nested: None,
};

/// Every fixed cost, with an add button.
#[component]
pub(super) fn FixedCosts() -> impl IntoView {
    view! {
        <ItemList
            list=List::FixedCosts
            spec=&FIXED_COST
            add_label="Add fixed cost"
            empty="No fixed costs."
        />
    }
}
