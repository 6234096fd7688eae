import { h, defineComponent } from 'vue';
import DOMPurify from 'dompurify';

export const UserBio = defineComponent({
  props: { bio: { type: String, required: true } },
  template: '<div class="bio" v-html="bio"></div>', // expect: framework-xss-bypass
});

export const SafeBio = defineComponent({
  props: { bio: { type: String, required: true } },
  computed: {
    cleanBio() {
      return DOMPurify.sanitize(this.bio);
    },
  },
  template: '<div class="bio" v-html="cleanBio"></div>', // safe
});

export const Announcement = defineComponent({
  props: { message: { type: String, required: true } },
  render() {
    return h('div', { class: 'announcement', innerHTML: this.message }); // expect: framework-xss-bypass
  },
});

export const Counter = defineComponent({
  props: { count: { type: Number, default: 0 } },
  render() {
    return h('span', { class: 'count' }, String(this.count)); // safe
  },
});

export const Title = defineComponent({
  props: { title: { type: String, required: true } },
  template: '<h1 class="title">{{ title }}</h1>', // safe
});
