// Security keys and passkeys (headway/templates/mfa/_security_key.html): the form's button asks
// the browser for the key, with the options the page carries in data-webauthn-options, and
// sends the key's answer in the form's hidden credential field. allauth's webauthn-json,
// loaded before this file, converts between the site's JSON and the browser's binary values.
// Nothing is inline: the Content-Security-Policy allows only files (headway/csp.py).
for (const form of document.querySelectorAll("form[data-webauthn]")) {
  const start = form.querySelector("[data-webauthn-start]");
  const credential = form.querySelector("input[type=hidden][name=credential]");
  const problem = form.querySelector("#security-key-problem");
  const options = JSON.parse(form.dataset.webauthnOptions);
  start.addEventListener("click", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    try {
      const answer =
        form.dataset.webauthn === "create"
          ? await window.webauthnJSON.create(options.creation_options)
          : await window.webauthnJSON.get(options.request_options);
      credential.value = JSON.stringify(answer);
      form.submit();
    } catch (error) {
      // Cancelled, timed out, or no key that this site knows.
      problem.querySelector("[data-webauthn-problem]").textContent =
        "Your security key did not answer. Try again, or use another way.";
      problem.hidden = false;
    }
  });
}
