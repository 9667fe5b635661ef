import type { Schema, Struct } from '@strapi/strapi';

export interface EventAccessibility extends Struct.ComponentSchema {
  collectionName: 'components_event_accessibilities';
  info: {
    description: 'Services that make an event accessible: sign language and captions';
    displayName: 'Accessibility services';
    icon: 'eye';
  };
  attributes: {
    captions: Schema.Attribute.Component<'event.caption', true>;
    signLanguage: Schema.Attribute.Enumeration<
      ['international_sign', 'asl', 'bsl', 'lse', 'lsm']
    >;
  };
}

export interface EventCaption extends Struct.ComponentSchema {
  collectionName: 'components_event_captions';
  info: {
    description: 'Live captions offered in one language, by a captioner or automated';
    displayName: 'Caption';
    icon: 'message';
  };
  attributes: {
    automated: Schema.Attribute.Boolean &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<false>;
    language: Schema.Attribute.Enumeration<
      ['en', 'es', 'fr', 'pt', 'ar', 'ca', 'eu']
    > &
      Schema.Attribute.Required;
  };
}

export interface SharedLanguage extends Struct.ComponentSchema {
  collectionName: 'components_shared_languages';
  info: {
    description: 'A language, as its ISO 639-1 code; labels are translated by the site';
    displayName: 'Language';
    icon: 'globe';
  };
  attributes: {
    code: Schema.Attribute.Enumeration<
      ['en', 'es', 'fr', 'pt', 'ar', 'ca', 'eu']
    > &
      Schema.Attribute.Required;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: "How the page appears in search results and when shared: each left empty falls back to the page's own title, summary and generated card";
    displayName: 'Search and social';
    icon: 'search';
  };
  attributes: {
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    shareImage: Schema.Attribute.Media<'images'>;
    shareImageAlt: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface SharedTextItem extends Struct.ComponentSchema {
  collectionName: 'components_shared_text_items';
  info: {
    description: 'One entry of a plain list (an objective, a highlight, a barrier)';
    displayName: 'Text item';
    icon: 'bulletList';
  };
  attributes: {
    text: Schema.Attribute.Text & Schema.Attribute.Required;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'event.accessibility': EventAccessibility;
      'event.caption': EventCaption;
      'shared.language': SharedLanguage;
      'shared.seo': SharedSeo;
      'shared.text-item': SharedTextItem;
    }
  }
}
