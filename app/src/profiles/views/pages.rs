//! The "who viewed your profile" card on `/profile`.

use super::api::get_profile_views;
use leptos::prelude::*;

#[component]
pub fn ProfileViewsCard() -> impl IntoView {
    let views = Resource::new(|| (), |_| get_profile_views());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                views.await.ok().map(|v| {
                    let count = match v.last_30_days {
                        1 => "1 view in the last 30 days".to_string(),
                        n => format!("{n} views in the last 30 days"),
                    };
                    view! {
                        <section id="views" aria-labelledby="views-heading" class="mt-6 rounded-xl border border-slate-200 bg-white p-6">
                            <h2 id="views-heading" class="text-lg font-semibold">"Who viewed your profile"</h2>
                            <p class="mt-1 text-sm text-slate-700">{count}</p>
                            {v.recent.is_empty().then(|| view! {
                                <p class="mt-3 text-sm text-slate-600">"When employers look at your profile, their companies show here."</p>
                            })}
                            <ul class="mt-3 divide-y divide-slate-100">
                                {v.recent.into_iter().map(|item| view! {
                                    <li class="flex flex-wrap justify-between gap-2 py-2 text-sm">
                                        <span class="font-medium">{item.company}</span>
                                        <span class="text-slate-600">{item.when}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
            })}
        </Transition>
    }
}
