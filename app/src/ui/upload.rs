//! Sending a form with `XMLHttpRequest`, the one browser API that reports
//! upload progress.

use crate::error::AppError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{FormData, HtmlFormElement, ProgressEvent, XmlHttpRequest};

/// Posts `form` (files and all) to `url`, telling `progress` in percent;
/// `done` gets the answer's body, or the error it carried.
pub fn send(
    form: &HtmlFormElement,
    url: &str,
    progress: RwSignal<Option<f64>>,
    done: impl FnOnce(Result<String, AppError>) + 'static,
) -> Result<(), JsValue> {
    let data = FormData::new_with_form(form)?;
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", url)?;
    // Answers come as JSON errors with a status, not redirects.
    xhr.set_request_header("Accept", "application/json")?;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress.set(Some(e.loaded() / e.total() * 100.0));
        }
    });
    xhr.upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let finished = xhr.clone();
    let done = std::cell::RefCell::new(Some(done));
    let on_end = Closure::<dyn FnMut()>::new(move || {
        let Some(done) = done.borrow_mut().take() else {
            return;
        };
        let status = finished.status().unwrap_or(0);
        let body = finished.response_text().ok().flatten().unwrap_or_default();
        done(match status {
            200..=299 => Ok(body),
            0 => Err(AppError::Transport("the connection was lost".into())),
            _ => Err(serde_json::from_str(&body)
                .unwrap_or_else(|_| AppError::Transport(format!("status {status}")))),
        });
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    xhr.send_with_opt_form_data(Some(&data))?;
    // The browser owns the callbacks until the request ends.
    on_progress.forget();
    on_end.forget();
    Ok(())
}
