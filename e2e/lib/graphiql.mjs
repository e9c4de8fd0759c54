/** GraphiQL 3.2 (bundled by quarkus-smallrye-graphql, smallrye-graphql-ui-graphiql 2.17) driven as a person does. */
import { baseUrl } from './env.mjs';

const queryEditor = '.graphiql-query-editor .CodeMirror';
// The Variables and Headers editors share one panel; the one not shown is marked hidden.
const shownToolEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
const resultPane = '.graphiql-response .CodeMirror';

/** Opens the UI and waits for its query editor. */
export async function openGraphiQL(page) {
  await page.goto(`${baseUrl}/q/graphql-ui/`);
  await page.locator(queryEditor).waitFor();
}

/** Types text into a CodeMirror editor over what it holds (GraphiQL's welcome comment in the query editor). */
async function typeInto(page, editor, text) {
  await page.locator(editor).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

// CodeMirror draws an empty line as a zero-width space and runs of spaces partly as no-break spaces.
const plain = (line) => line.replaceAll('\u200b', '').replaceAll('\u00a0', ' ');

/** The text an editor shows, line by line. */
export async function editorText(page, editor) {
  const lines = await page.locator(`${editor} .CodeMirror-line`).allTextContents();
  return lines.map(plain).join('\n');
}

/**
 * Opens the Headers tab under the query editor and writes the headers as JSON: names typed, values pasted
 * (a person pastes a token; typing 600 characters one by one takes seconds).
 */
export async function typeHeaders(page, headers) {
  await page.getByRole('button', { name: 'Headers', exact: true }).click();
  await typeInto(page, shownToolEditor, '{');
  for (const [index, [name, value]] of Object.entries(headers).entries()) {
    // The editor closes brackets and quotes as they open; typing the closing one steps over it.
    await page.keyboard.type(`${index ? ', ' : ''}${JSON.stringify(name)}: "`);
    await page.keyboard.insertText(JSON.stringify(value).slice(1, -1));
    await page.keyboard.type('"');
  }
  await page.keyboard.type('}');
}

export async function typeQuery(page, query) {
  await typeInto(page, queryEditor, query);
}

/**
 * Clicks the run button and returns the result pane's text once it shows this run's answer. The pane may
 * show an earlier answer (a failed schema load) until GraphiQL empties it as the run starts; the run's
 * response is awaited, then the pane's text until it is whole JSON. CodeMirror draws only the lines in
 * view: keep answers read this way to a screenful.
 */
export async function runQuery(page) {
  const response = page.waitForResponse((r) => r.url() === `${baseUrl}/graphql` && r.request().method() === 'POST'
    && !r.request().postData()?.includes('IntrospectionQuery'));
  await page.getByRole('button', { name: /^Execute query/ }).click();
  await response;
  await page.locator('.graphiql-response .graphiql-spinner').waitFor({ state: 'detached' });
  await page.waitForFunction((pane) => {
    const lines = [...document.querySelectorAll(`${pane} .CodeMirror-line`)].map((l) => l.textContent);
    try { JSON.parse(lines.join('\n').replace(/[\u200b\u00a0]/g, ' ')); return true; } catch { return false; }
  }, resultPane);
  return editorText(page, resultPane);
}

/** Opens the documentation explorer from the sidebar and returns what it shows once the schema has loaded or failed. */
export async function openDocs(page) {
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.locator('.graphiql-doc-explorer-root-type, .graphiql-doc-explorer-error').first().waitFor();
  return docs.innerText();
}
