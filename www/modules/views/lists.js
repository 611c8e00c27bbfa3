// The report's three long views, made once: the raw text, the findings and the messages.

import { ui } from '../ui.js';
import { RawView } from '../raw.js';
import { VirtualList } from '../virtual.js';
import { hoverRow } from './rows.js';

export const raw = new RawView(ui.raw, hoverRow, ui.rawCaption);
export const findingsList = new VirtualList(ui.findings, 'Findings');
export const messagesList = new VirtualList(ui.messages, 'Messages');
