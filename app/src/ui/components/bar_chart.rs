//! A small bar chart drawn on the server as SVG, for figures a leader would rather look at
//! than read. Each bar stacks its parts; the legend names them by colour and the table behind
//! the chart gives every number, so nothing is told by colour or by shape alone. The SVG is
//! one image to assistive technology, named by the chart's title and described by the
//! summary written under it.

use crate::i18n::use_lang;
use leptos::prelude::*;

/// One part of every bar: its name in the legend and the table, and the class of its colour.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub name: &'static str,
    pub class: &'static str,
}

impl Part {
    pub const fn new(name: &'static str, class: &'static str) -> Part {
        Part { name, class }
    }
}

/// One bar: a short label under it, a full label in the table, and each part's value.
#[derive(Debug, Clone)]
pub struct Bar {
    pub short: String,
    pub label: String,
    pub values: Vec<u32>,
}

const WIDTH: f32 = 320.0;
const LEFT: f32 = 26.0;
const TOP: f32 = 10.0;
const BOTTOM: f32 = 132.0;
const HEIGHT: f32 = 150.0;

#[component]
pub fn BarChart(
    /// Unique on the page: names the SVG's title and description.
    id: &'static str,
    title: &'static str,
    /// What the chart shows, in one or two sentences.
    summary: String,
    parts: Vec<Part>,
    bars: Vec<Bar>,
    /// The heading of the table's first column (what a bar is).
    first_column: &'static str,
) -> AnyView {
    let t = &use_lang().texts().leader;
    let highest = bars
        .iter()
        .map(|bar| bar.values.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = (WIDTH - LEFT) / bars.len().max(1) as f32;
    let scale = (BOTTOM - TOP) / highest as f32;
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(n, bar)| {
            let x = LEFT + slot * n as f32 + slot * 0.2;
            let mut base = BOTTOM;
            let rects = bar
                .values
                .iter()
                .zip(&parts)
                .filter(|(value, _)| **value > 0)
                .map(|(value, part)| {
                    let height = *value as f32 * scale;
                    base -= height;
                    view! {
                        <rect class=part.class x=x y=base width=slot * 0.6 height=height />
                    }
                })
                .collect_view();
            view! {
                {rects}
                <text class="chart-label" x=x + slot * 0.3 y=HEIGHT - 4.0 text-anchor="middle">
                    {bar.short.clone()}
                </text>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    view! {
        <figure class="chart">
            <figcaption><h3>{title}</h3></figcaption>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=title_id.clone()
                aria-describedby=desc_id.clone()
            >
                <title id=title_id.clone()>{title}</title>
                <line class="chart-grid" x1=LEFT y1=TOP x2=WIDTH y2=TOP />
                <line class="chart-axis" x1=LEFT y1=BOTTOM x2=WIDTH y2=BOTTOM />
                <text class="chart-label" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{highest}</text>
                <text class="chart-label" x=LEFT - 4.0 y=BOTTOM text-anchor="end">"0"</text>
                {drawn}
            </svg>
            <p class="chart-summary" id=desc_id.clone()>{summary}</p>
            <ul class="chart-legend">
                {parts.iter().map(|part| view! {
                    <li><span class=format!("swatch {}", part.class)></span>{part.name}</li>
                }).collect_view()}
            </ul>
            <details class="chart-table">
                <summary>{t.show_table}</summary>
                <div class="table-scroll" tabindex="0" role="region" aria-label=title>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{first_column}</th>
                                {parts.iter().map(|part| view! { <th scope="col">{part.name}</th> }).collect_view()}
                                <th scope="col">{t.col_total}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {bars.into_iter().map(|bar| {
                                let total: u32 = bar.values.iter().sum();
                                view! {
                                    <tr>
                                        <th scope="row">{bar.label}</th>
                                        {bar.values.into_iter().map(|value| view! { <td>{value}</td> }).collect_view()}
                                        <td>{total}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
    .into_any()
}
