/**
 * The group menu of the voice of the customer, in the browser: shows the menu (hidden for
 * readers without JavaScript, who see every group's quotes under their headings) and then only
 * the quotes of the group chosen.
 */

/** Wires every voice section under `root`. */
export function enableVoiceFilters(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-voice-filter]')) {
    const menu = box.querySelector<HTMLElement>('[data-voice-menu]');
    const select = box.querySelector<HTMLSelectElement>('[data-voice-select]');
    if (!menu || !select) continue;
    const lists = [...box.querySelectorAll<HTMLElement>('[data-voice-group]')];
    const show = () => {
      for (const list of lists) list.hidden = list.dataset.voiceGroup !== select.value;
    };
    select.addEventListener('change', show);
    menu.hidden = false;
    show();
  }
}
